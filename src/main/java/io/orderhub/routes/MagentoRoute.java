package io.orderhub.routes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * Magento 2 / Adobe Commerce's translator (docs/platforms/magento.md): Adobe Commerce Webhooks (module
 * {@code Magento_AdobeCommerceWebhooks}) on the order's observer events,
 * {@code {"subject":[],"eventName":"sales_order_save_after","data":{"order":{…}}}}, the whole order in
 * {@code data.order} (mappings/magento.jslt). With signature verification on, Commerce signs with the instance's
 * private key (RSA-SHA256) and sends the base64 signature in {@code x-adobe-commerce-webhook-signature}; the public key
 * is copied from the Admin into the store's {@code webhook-secret}. Commerce sends no store identity of its own, so
 * the hook's configured headers carry it: {@code X-OrderHub-Store}, the same header the generic platform uses.
 */
@PlatformRoute(order = 70)
public class MagentoRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "x-adobe-commerce-webhook-signature";

    /** Adobe Commerce's {@code entity_id}, the sales_order row id. */
    private static final PlatformShape MAGENTO = PlatformShape.of("magento", OrderIdentity.positiveLong("/data/order/entity_id"))
            .withTopics(null, "/eventName", "sales_order_place_after", "sales_order_save_after")
            .withRecognisingHeader(SIGNATURE_HEADER);

    public MagentoRoute(DeliverySteps steps) {
        super(steps, MAGENTO);
    }

    @Override
    protected void authenticate(Exchange exchange) {
        // Commerce signs the body's base64 text, not the body itself.
        byte[] signed = Base64.getEncoder().encodeToString(Deliveries.delivery(exchange).rawBody())
                .getBytes(StandardCharsets.US_ASCII);
        steps.authenticate(exchange, DeliverySteps.storeInHeader(exchange, "x-orderhub-store"), (delivery, store) ->
                steps.authenticator().requireRsaSha256Base64(delivery, store, SIGNATURE_HEADER, signed));
        // Parsed now: an authentic body that is not JSON is refused (400) before it spends the store's rate limit.
        steps.received(exchange);
    }

    /** The observer event without Commerce's {@code observer.} prefix, e.g. {@code sales_order_save_after}. */
    @Override
    protected String topic(Exchange exchange) {
        String name = super.topic(exchange);
        return name == null ? null : name.replaceFirst("^observer\\.", "");
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
