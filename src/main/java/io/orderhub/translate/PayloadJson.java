package io.orderhub.translate;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * Parses platform payloads. Decimal numbers stay {@code BigDecimal} (never double), and a body must be
 * exactly one JSON value: trailing bytes mean a truncated or concatenated delivery, refused with 400.
 * Repeated names are accepted (the last wins, as in the platforms' own parsers): RFC 8259 discourages
 * them but does not make them invalid, and refusing an authentic order would lose it.
 */
@Component
public class PayloadJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public JsonNode parse(byte[] body, String what) {
        if (body.length == 0) {
            throw new Problems.MalformedPayload("The " + what + " body is empty; a JSON object was expected.");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Problems.MalformedPayload("The " + what + " body is not a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new Problems.MalformedPayload("The " + what + " body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Parses or returns null: for recognising a platform or finding a store before authentication. */
    public JsonNode tryParse(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
