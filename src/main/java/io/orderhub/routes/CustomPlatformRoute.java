package io.orderhub.routes;

import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * The generic platform, for home-made shops with no webhook format of their own (docs/adding-a-platform.md).
 * A delivery names it ({@code X-OrderHub-Platform: custom} or {@code ?platform=custom}) and its store
 * ({@code X-OrderHub-Store}), and is signed with base64(HMAC-SHA256(store webhook-secret, raw body)) in
 * {@code X-OrderHub-Signature}. Each store brings its own mapping file, {@code custom/<store_uid>.jslt}.
 */
@PlatformRoute(order = 900)
public class CustomPlatformRoute extends WebhookPlatformRoute {

    /**
     * A home-made shop's ids are its own: only what no key can hold is refused. Never recognised: its deliveries look
     * like anything, so they must name the platform.
     */
    private static final PlatformShape CUSTOM = PlatformShape.of("custom", OrderIdentity.opaque("/id"))
            .withTopics("x-orderhub-topic", null, "order.created", "order.updated", "order.cancelled")
            .withSignature("x-orderhub-store", "x-orderhub-signature")
            .withStoreMappings();

    public CustomPlatformRoute(DeliverySteps steps) {
        super(steps, CUSTOM);
    }


    /** A shop that sends only orders need not name a topic. */
    @Override
    protected boolean isOrderTopic(Exchange exchange) {
        return topic(exchange) == null || super.isOrderTopic(exchange);
    }
}
