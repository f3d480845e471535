package io.orderhub.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.problem.Problems;
import io.orderhub.security.TrackingTokens;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

/**
 * What {@code POST /orders/{id}/decision} and {@code POST /orders/{id}/reassign} do, on plain values: the route
 * hands in the order id, the caller's standing and the body's bytes, and answers with the delivery block.
 */
@Component
public record DeliveryRequests(Assignments assignments, TrackingTokens tokens) {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** Only the customer (with the order's tracking {@code token}) or an operator answers the choice offered. */
    public void requireDecider(String orderId, String token, boolean operator) {
        if (!operator && !tokens.isValid(orderId, token)) {
            throw new Problems.Unauthenticated("A decision needs the order's tracking token (?token=) or the operator key.");
        }
    }

    public String decide(String orderId, JsonNode body) {
        String choice = field(body, "choice");
        if (!DeliveryTimeline.WAIT.equals(choice) && !DeliveryTimeline.CANCEL.equals(choice)
                && !DeliveryTimeline.BACKGROUND_CHOICE.equals(choice)) {
            throw new Problems.BadRequest("'choice' must be one of wait, cancel, background.");
        }
        return assignments.decide(orderId, choice).toJson(JSON);
    }

    /** An operator moves the order to another partner (the default partner's orders after an outage, typically). */
    public String reassign(String orderId, JsonNode body) {
        return assignments.reassign(orderId, field(body, "partner_id")).toJson(JSON);
    }

    private static String field(JsonNode body, String name) {
        String value = body.path(name).asText(null);
        if (value == null || value.isBlank()) {
            throw new Problems.BadRequest("The body needs '" + name + "'.");
        }
        return value;
    }
}
