package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.etsy.EtsyHydrator;
import io.orderhub.platform.etsy.EtsyWebhooks;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Etsy's translator (docs/platforms/etsy.md): thin Open API v3 order webhooks signed the Standard Webhooks way, the
 * store is the body's {@code shop_id}, receipts are hydrated from the Open API (mappings/etsy.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(80)
public class EtsyRoute extends WebhookPlatformRoute {

    /** The receipt id, which Etsy sends only inside {@code resource_url}; the call to its API is built from it. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/resource_url").within("/receipts/([^/]+)/?$");

    private final EtsyWebhooks webhooks;
    private final EtsyHydrator hydrator;

    public EtsyRoute(DeliverySteps steps, EtsyWebhooks webhooks, EtsyHydrator hydrator) {
        super(steps);
        this.webhooks = webhooks;
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "etsy";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return EtsyWebhooks.recognises(delivery);
    }

    @Override
    protected void authenticate(Exchange exchange) {
        webhooks.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return EtsyWebhooks.eventType(exchange);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.paid", "order.canceled", "order.shipped", "order.delivered");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected JsonNode received(Exchange exchange) {
        return EtsyWebhooks.event(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        return hydrator.hydrate(exchange);
    }
}
