package io.orderhub.platform.ecwid;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Ecwid's thin webhook events: {@code {"eventId","eventCreated","storeId","entityId","eventType","data":{"orderId",…}}}.
 * Ecwid signs {@code {eventCreated}.{eventId}} rather than the body (base64 HMAC-SHA256 with the app's
 * client_secret in {@code X-Ecwid-Webhook-Signature}), so the body is parsed to authenticate it; and since
 * the rest of the body is not covered by the signature, nothing but the order id is taken from it: the
 * order itself always comes from the REST API.
 */
@Component
public class EcwidEvents {

    public static final String SIGNATURE_HEADER = "x-ecwid-webhook-signature";
    private static final String EVENT = "orderhubEcwidEvent";

    private final PayloadJson json;
    private final DeliverySteps steps;

    public EcwidEvents(PayloadJson json, DeliverySteps steps) {
        this.json = json;
        this.steps = steps;
    }

    public static JsonNode event(Exchange exchange) {
        return exchange.getProperty(EVENT, JsonNode.class);
    }

    public static String eventType(Exchange exchange) {
        return event(exchange).path("eventType").asText(null);
    }

    public void authenticate(Exchange exchange) {
        JsonNode event = json.tryParse(Deliveries.delivery(exchange).rawBody());
        if (event == null || !event.hasNonNull("storeId") || !event.hasNonNull("eventCreated") || !event.hasNonNull("eventId")) {
            throw new Problems.Unauthenticated("This Ecwid delivery cannot be authenticated: its signature covers "
                    + "eventCreated and eventId of a JSON body with a storeId.");
        }
        String signed = event.get("eventCreated").asText() + "." + event.get("eventId").asText();
        steps.authenticateHmac(exchange, event.get("storeId").asText(), SIGNATURE_HEADER, signed.getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(EVENT, event);
    }
}
