package io.orderhub.routes;

import java.util.Set;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Shopify's translator: REST Admin order webhooks signed with the app's client secret
 * ({@code X-Shopify-Hmac-Sha256}); the shop is {@code X-Shopify-Shop-Domain}. Mapping: mappings/shopify.jslt.
 */
@Component
@ConditionalOnRole("import")
@Order(10)
public class ShopifyRoute extends WebhookPlatformRoute {

    /** REST Admin order ids: a JSON integer (int64). */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/id");

    public ShopifyRoute(DeliverySteps steps) {
        super(steps);
    }

    @Override
    public String platform() {
        return "shopify";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.hasHeaderStartingWith("x-shopify-");
    }

    @Override
    protected void authenticate(Exchange exchange) {
        steps.authenticateHmac(exchange, DeliverySteps.storeInHeader(exchange, "x-shopify-shop-domain"), "x-shopify-hmac-sha256");
    }

    @Override
    protected String topic(Exchange exchange) {
        return topicIn(exchange, "x-shopify-topic", null);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled",
                "orders/partially_fulfilled");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }
}
