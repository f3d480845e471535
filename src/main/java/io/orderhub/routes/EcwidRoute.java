package io.orderhub.routes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.Part;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.Hydrator;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ecwid's translator (docs/platforms/ecwid.md): thin events
 * {@code {"eventId","eventCreated","storeId","entityId","eventType","data":{"orderId",…}}} signed in
 * {@code X-Ecwid-Webhook-Signature}, the store is the body's {@code storeId}; orders are hydrated from the REST API v3
 * (mappings/ecwid.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(40)
public class EcwidRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "x-ecwid-webhook-signature";

    /** {@code data.orderId} is the internal order id, a string such as "EC01A" (not the numeric entityId). */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/data/orderId");

    /**
     * The order and the store profile, whose {@code formatsAndUnits.currency} is the currency of every amount (Ecwid
     * orders carry no currency code).
     */
    private static final Hydration HYDRATION = new Hydration("Ecwid REST API", "https://app.ecwid.com", TokenAuth.BEARER,
            Map.of(), "/api/v3/{store}/orders/{id}", List.of(new Part("profile", "/api/v3/{store}/profile", false)), "event");

    private final Hydrator hydrator;

    public EcwidRoute(DeliverySteps steps, Hydrator hydrator) {
        super(steps);
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "ecwid";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(SIGNATURE_HEADER) != null;
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

    @Override
    protected String topic(Exchange exchange) {
        return topicIn(exchange, null, "/eventType");
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.created", "order.updated");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    /** Older stores send only the order number, as {@code entityId}. */
    @Override
    protected ObjectNode envelope(Exchange exchange) {
        String orderId = orderId(exchange);
        return hydrator.hydrate(exchange, HYDRATION, orderId != null ? orderId : steps.receivedText(exchange, "/entityId"));
    }
}
