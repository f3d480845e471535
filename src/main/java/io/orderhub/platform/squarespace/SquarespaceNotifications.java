package io.orderhub.platform.squarespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Squarespace's thin notifications: {@code {"id","websiteId","subscriptionId","topic","createdOn","data":{"orderId",…}}},
 * signed with hex(HMAC-SHA256(hex-decoded subscription secret, raw body)) in {@code Squarespace-Signature}. The
 * site is named only in the body, so the body is parsed to find the store whose secret checks the signature.
 */
@Component
public class SquarespaceNotifications {

    public static final String SIGNATURE_HEADER = "squarespace-signature";
    private static final String NOTIFICATION = "orderhubSquarespaceNotification";

    private final PayloadJson json;
    private final DeliverySteps steps;
    private final Authenticator authenticator;

    public SquarespaceNotifications(PayloadJson json, DeliverySteps steps, Authenticator authenticator) {
        this.json = json;
        this.steps = steps;
        this.authenticator = authenticator;
    }

    public static JsonNode notification(Exchange exchange) {
        return exchange.getProperty(NOTIFICATION, JsonNode.class);
    }

    public static String topic(Exchange exchange) {
        return notification(exchange).path("topic").asText(null);
    }

    public void authenticate(Exchange exchange) {
        JsonNode notification = json.tryParse(Deliveries.delivery(exchange).rawBody());
        if (notification == null || !notification.hasNonNull("websiteId")) {
            throw new Problems.Unauthenticated("This Squarespace delivery cannot be authenticated: it names no websiteId.");
        }
        steps.authenticate(exchange, notification.get("websiteId").asText(),
                (delivery, store) -> authenticator.requireHmacSha256HexWithHexSecret(delivery, store, SIGNATURE_HEADER));
        exchange.setProperty(NOTIFICATION, notification);
    }
}
