package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.magento.MagentoWebhooks;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Magento 2 / Adobe Commerce's translator (docs/platforms/magento.md): Adobe Commerce Webhooks on the order's
 * observer events, signed RSA-SHA256 with the instance's key pair, the store named in the hook's
 * {@code X-OrderHub-Store} header, the whole order in {@code data.order} (mappings/magento.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(70)
public class MagentoRoute extends WebhookPlatformRoute {

    /** Adobe Commerce's {@code entity_id}, the sales_order row id. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/data/order/entity_id");

    private final MagentoWebhooks webhooks;
    private final OrderTranslator translator;

    public MagentoRoute(DeliverySteps steps, MagentoWebhooks webhooks, OrderTranslator translator) {
        super(steps);
        this.webhooks = webhooks;
        this.translator = translator;
    }

    @Override
    public String platform() {
        return "magento";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(MagentoWebhooks.SIGNATURE_HEADER) != null;
    }

    @Override
    protected void authenticate(Exchange exchange) {
        webhooks.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return MagentoWebhooks.eventName(exchange);
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
    protected JsonNode received(Exchange exchange) {
        return MagentoWebhooks.payload(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        JsonNode payload = MagentoWebhooks.payload(exchange);
        JsonNode order = payload.path("data").path("order");
        if (!order.isObject()) {
            throw new UnmappableOrderException("The Adobe Commerce " + topic(exchange) + " webhook carries no data.order");
        }
        ObjectNode envelope = translator.envelope(exchange, order);
        envelope.put("event_name", topic(exchange));
        return envelope;
    }
}
