package io.orderhub.routes;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;

/**
 * Shopify's translator: REST Admin order webhooks signed with the app's client secret
 * ({@code X-Shopify-Hmac-Sha256}); the shop is {@code X-Shopify-Shop-Domain}. Mapping: mappings/shopify.jslt.
 */
@PlatformRoute(order = 10)
public class ShopifyRoute extends WebhookPlatformRoute {

    /** REST Admin order ids: a JSON integer (int64). */
    private static final PlatformShape SHOPIFY = PlatformShape.of("shopify", OrderIdentity.positiveLong("/id"))
            .withTopics("x-shopify-topic", null, "orders/create", "orders/updated", "orders/paid", "orders/cancelled",
                    "orders/fulfilled", "orders/partially_fulfilled")
            .withSignature("x-shopify-shop-domain", "x-shopify-hmac-sha256");

    public ShopifyRoute(DeliverySteps steps) {
        super(steps, SHOPIFY);
    }

    /** Every Shopify webhook carries several {@code X-Shopify-*} headers. */
    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.hasHeaderStartingWith("x-shopify-");
    }
}
