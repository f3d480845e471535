package io.orderhub.routes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Magento 2 / Adobe Commerce's translator (docs/platforms/magento.md): Adobe Commerce Webhooks (module
 * {@code Magento_AdobeCommerceWebhooks}) on the order's observer events,
 * {@code {"subject":[],"eventName":"sales_order_save_after","data":{"order":{…}}}}, the whole order in
 * {@code data.order} (mappings/magento.jslt). With signature verification on, Commerce signs with the instance's
 * private key (RSA-SHA256) and sends the base64 signature in {@code x-adobe-commerce-webhook-signature}; the public key
 * is copied from the Admin into the store's {@code webhook-secret}. Commerce sends no store identity of its own, so
 * the hook's configured headers carry it: {@code X-OrderHub-Store}, the same header the generic platform uses.
 */
@Component
@ConditionalOnRole("import")
@Order(70)
public class MagentoRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "x-adobe-commerce-webhook-signature";
    static final String STORE_HEADER = "x-orderhub-store";

    /** Adobe Commerce's {@code entity_id}, the sales_order row id. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/data/order/entity_id");

    public MagentoRoute(DeliverySteps steps) {
        super(steps);
    }

    @Override
    public String platform() {
        return "magento";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(SIGNATURE_HEADER) != null;
    }

    @Override
    protected void authenticate(Exchange exchange) {
        // Commerce signs the body's base64 text, not the body itself.
        byte[] signed = Base64.getEncoder().encodeToString(Deliveries.delivery(exchange).rawBody())
                .getBytes(StandardCharsets.US_ASCII);
        steps.authenticate(exchange, DeliverySteps.storeInHeader(exchange, STORE_HEADER), (delivery, store) ->
                steps.authenticator().requireRsaSha256Base64(delivery, store, SIGNATURE_HEADER, signed));
        // Parsed now: an authentic body that is not JSON is refused (400) before it spends the store's rate limit.
        steps.received(exchange);
    }

    /** The observer event without Commerce's {@code observer.} prefix, e.g. {@code sales_order_save_after}. */
    @Override
    protected String topic(Exchange exchange) {
        String name = topicIn(exchange, null, "/eventName");
        return name == null ? null : name.replaceFirst("^observer\\.", "");
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("sales_order_place_after", "sales_order_save_after");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        JsonNode order = received(exchange).path("data").path("order");
        if (!order.isObject()) {
            throw new UnmappableOrderException("The Adobe Commerce " + topic(exchange) + " webhook carries no data.order");
        }
        ObjectNode envelope = steps.envelope(exchange, order);
        envelope.put("event_name", topic(exchange));
        return envelope;
    }
}
