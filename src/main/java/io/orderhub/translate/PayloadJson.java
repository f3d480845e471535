package io.orderhub.translate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * Parses platform payloads: the one place where a delivery's raw bytes become text. Bytes are decoded
 * strictly as UTF-8 (RFC 8259 §8.1) before any JSON is read, so a malformed sequence is refused with 400
 * instead of being replaced or slipping through the JSON parser's own, more lenient, decoding.
 * Decimal numbers stay {@code BigDecimal} (never double), and a body must be exactly one JSON value:
 * trailing bytes mean a truncated or concatenated delivery, refused with 400.
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
        String notUtf8 = malformedUtf8(body);
        if (notUtf8 != null) {
            throw new Problems.MalformedPayload("The " + what + " body is not valid UTF-8 JSON: " + notUtf8 + ".");
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
        if (malformedUtf8(body) != null) {
            return null;
        }
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

    /**
     * Null when the bytes are well-formed UTF-8, else the first malformed sequence and its byte offset. The
     * bytes themselves are then handed to Jackson unchanged, so valid input parses exactly as before.
     */
    private static String malformedUtf8(byte[] body) {
        // On the import path for every delivery: an ASCII body (most are) needs no decoding at all, and the rest is
        // decoded through a small buffer, since only the verdict is wanted, not the text.
        int firstNonAscii = 0;
        while (firstNonAscii < body.length && body[firstNonAscii] >= 0) {
            firstNonAscii++;
        }
        if (firstNonAscii == body.length) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(body, firstNonAscii, body.length - firstNonAscii);
        CharBuffer out = CharBuffer.allocate(512);
        CharsetDecoder decoder = strictDecoder();
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            return null;
        }
        StringBuilder bytes = new StringBuilder();
        for (int i = in.position(); i < in.position() + result.length(); i++) {
            bytes.append(bytes.isEmpty() ? "" : " ").append(String.format("0x%02X", body[i] & 0xFF));
        }
        return "the byte sequence " + bytes + " at byte offset " + in.position() + " is not UTF-8";
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
