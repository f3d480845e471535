package io.orderhub.routes;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.Hydrator;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Squarespace's translator (docs/platforms/squarespace.md): thin notifications
 * {@code {"id","websiteId","subscriptionId","topic","createdOn","data":{"orderId",…}}} signed with hex(HMAC-SHA256(
 * hex-decoded subscription secret, raw body)) in {@code Squarespace-Signature}; the store is the body's
 * {@code websiteId}; orders are hydrated from the Commerce Orders API (mappings/squarespace.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(50)
public class SquarespaceRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "squarespace-signature";

    /** {@code data.orderId}: an opaque object id. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/data/orderId");

    /** Squarespace asks every API client to name itself in the User-Agent. */
    private static final Hydration HYDRATION = new Hydration("Squarespace Orders API", "https://api.squarespace.com",
            TokenAuth.BEARER, Map.of("User-Agent", "OrderImportHub/1.0"), "/1.0/commerce/orders/{id}", List.of(),
            "notification");

    private final Hydrator hydrator;

    public SquarespaceRoute(DeliverySteps steps, Hydrator hydrator) {
        super(steps);
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "squarespace";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(SIGNATURE_HEADER) != null;
    }

    /** The site is named only in the body, so the body is parsed to find the store whose secret checks the signature. */
    @Override
    protected void authenticate(Exchange exchange) {
        JsonNode notification = steps.readBodyNaming(exchange, "/websiteId");
        steps.authenticate(exchange, notification.get("websiteId").asText(), (delivery, store) ->
                steps.authenticator().requireHmacSha256HexWithHexSecret(delivery, store, SIGNATURE_HEADER));
    }

    @Override
    protected String topic(Exchange exchange) {
        return topicIn(exchange, null, "/topic");
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.create", "order.update");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        return hydrator.hydrate(exchange, HYDRATION, orderId(exchange));
    }
}
