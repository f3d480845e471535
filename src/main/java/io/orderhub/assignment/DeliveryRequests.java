package io.orderhub.assignment;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.Problems;
import io.orderhub.security.AdminCredentials;
import io.orderhub.security.TrackingTokens;
import org.apache.camel.Exchange;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

/** The HTTP side of {@code POST /orders/{id}/decision} and {@code POST /orders/{id}/reassign}. */
@Component
public class DeliveryRequests {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final Assignments assignments;
    private final TrackingTokens tokens;
    private final AdminCredentials admin;
    private final HttpResponses responses;
    private final ObjectMapper json;

    public DeliveryRequests(Assignments assignments, TrackingTokens tokens, AdminCredentials admin, HttpResponses responses,
            ObjectMapper json) {
        this.assignments = assignments;
        this.tokens = tokens;
        this.admin = admin;
        this.responses = responses;
        this.json = json;
    }

    /** The customer (with the order's tracking token) or an operator answers the choice offered. */
    public void decide(Exchange exchange) {
        String orderId = orderId(exchange);
        if (!tokens.isValid(orderId, exchange.getMessage().getHeader("token", String.class)) && !admin.isAdmin(exchange)) {
            throw new Problems.Unauthenticated("A decision needs the order's tracking token (?token=) or the operator key.");
        }
        String choice = field(exchange, "choice");
        if (!DeliveryTimeline.WAIT.equals(choice) && !DeliveryTimeline.CANCEL.equals(choice)
                && !DeliveryTimeline.BACKGROUND_CHOICE.equals(choice)) {
            throw new Problems.BadRequest("'choice' must be one of wait, cancel, background.");
        }
        responses.jsonText(exchange, 200, assignments.decide(orderId, choice).toJson(JSON));
    }

    /** An operator moves the order to another partner (the default partner's orders after an outage, typically). */
    public void reassign(Exchange exchange) {
        admin.requireAdmin(exchange);
        String orderId = orderId(exchange);
        responses.jsonText(exchange, 200, assignments.reassign(orderId, field(exchange, "partner_id")).toJson(JSON));
    }

    private static String orderId(Exchange exchange) {
        return exchange.getMessage().getHeader("order_id", String.class);
    }

    private String field(Exchange exchange, String name) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        try {
            JsonNode node = json.readTree(body == null ? new byte[0] : body);
            String value = node == null ? null : node.path(name).asText(null);
            if (value == null || value.isBlank()) {
                throw new Problems.BadRequest("The body needs '" + name + "'.");
            }
            return value;
        } catch (IOException e) {
            throw new Problems.MalformedPayload("The body is not JSON: " + e.getMessage());
        }
    }
}
