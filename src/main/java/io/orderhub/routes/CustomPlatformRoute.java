package io.orderhub.routes;

import java.util.Set;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The generic platform, for home-made shops with no webhook format of their own (docs/adding-a-platform.md).
 * A delivery names it ({@code X-OrderHub-Platform: custom} or {@code ?platform=custom}) and its store
 * ({@code X-OrderHub-Store}), and is signed with base64(HMAC-SHA256(store webhook-secret, raw body)) in
 * {@code X-OrderHub-Signature}. Each store brings its own mapping file, {@code custom/<store_uid>.jslt}.
 */
@Component
@ConditionalOnRole("import")
@Order(900)
public class CustomPlatformRoute extends WebhookPlatformRoute {

    /** A home-made shop's ids are its own: only what no key can hold is refused. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/id");

    static final String STORE_HEADER = "x-orderhub-store";
    static final String SIGNATURE_HEADER = "x-orderhub-signature";
    static final String TOPIC_HEADER = "x-orderhub-topic";

    public CustomPlatformRoute(DeliverySteps steps) {
        super(steps);
    }

    @Override
    public String platform() {
        return "custom";
    }

    /** Never guessed: a home-made shop's deliveries look like anything, so they must name the platform. */
    @Override
    public boolean recognises(InboundDelivery delivery) {
        return false;
    }

    @Override
    protected void authenticate(Exchange exchange) {
        steps.authenticateHmac(exchange, DeliverySteps.storeInHeader(exchange, STORE_HEADER), SIGNATURE_HEADER);
        exchange.setProperty(Deliveries.MAPPING, OrderMapper.CUSTOM_PREFIX + Deliveries.store(exchange).storeUid());
    }

    @Override
    protected String topic(Exchange exchange) {
        return topicIn(exchange, TOPIC_HEADER, null);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.created", "order.updated", "order.cancelled");
    }

    /** A shop that sends only orders need not name a topic. */
    @Override
    protected boolean isOrderTopic(Exchange exchange) {
        return topic(exchange) == null || super.isOrderTopic(exchange);
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }
}
