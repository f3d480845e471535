package io.orderhub.routes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.Part;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * Ecwid's translator (docs/platforms/ecwid.md): thin events
 * {@code {"eventId","eventCreated","storeId","entityId","eventType","data":{"orderId",…}}} signed in
 * {@code X-Ecwid-Webhook-Signature}, the store is the body's {@code storeId}; orders are hydrated from the REST API v3
 * (mappings/ecwid.jslt).
 */
@PlatformRoute(order = 40)
public class EcwidRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "x-ecwid-webhook-signature";

    /**
     * {@code data.orderId} is the internal order id, a string such as "EC01A" (not the numeric entityId). The order is
     * hydrated with the store profile, whose {@code formatsAndUnits.currency} is the currency of every amount (Ecwid
     * orders carry no currency code).
     */
    private static final PlatformShape ECWID = PlatformShape.of("ecwid", OrderIdentity.opaque("/data/orderId"))
            .withTopics(null, "/eventType", "order.created", "order.updated")
            .withRecognisingHeader(SIGNATURE_HEADER)
            .withHydration(new Hydration("Ecwid REST API", "https://app.ecwid.com", TokenAuth.BEARER, Map.of(),
                    "/api/v3/{store}/orders/{id}", List.of(new Part("profile", "/api/v3/{store}/profile", false)), "event"));

    public EcwidRoute(DeliverySteps steps) {
        super(steps, ECWID);
    }

    /**
     * Ecwid signs {@code {eventCreated}.{eventId}} rather than the body (base64 HMAC-SHA256 with the app's client_secret),
     * so the body is parsed to authenticate it; and since the rest of the body is not covered by the signature, nothing
     * but the order id is taken from it: the order itself always comes from the REST API.
     */
    @Override
    protected void authenticate(Exchange exchange) {
        JsonNode event = steps.readBodyNaming(exchange, "/storeId", "/eventCreated", "/eventId");
        String signed = event.get("eventCreated").asText() + "." + event.get("eventId").asText();
        steps.authenticateHmac(exchange, event.get("storeId").asText(), SIGNATURE_HEADER, signed.getBytes(StandardCharsets.UTF_8));
    }

    /** Older stores send only the order number, as {@code entityId}. */
    @Override
    protected ObjectNode envelope(Exchange exchange) {
        String orderId = orderId(exchange);
        String named = orderId != null ? orderId : steps.receivedText(exchange, "/entityId");
        return steps.hydrator().hydrate(exchange, shape.hydration(), named);
    }
}
