package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.squarespace.SquarespaceHydrator;
import io.orderhub.platform.squarespace.SquarespaceNotifications;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Squarespace's translator (docs/platforms/squarespace.md): thin notifications signed in
 * {@code Squarespace-Signature}, the store is the body's {@code websiteId}, orders are hydrated from the
 * Commerce Orders API (mappings/squarespace.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(50)
public class SquarespaceRoute extends WebhookPlatformRoute {

    /** {@code data.orderId}: an opaque object id. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/data/orderId");

    private final SquarespaceNotifications notifications;
    private final SquarespaceHydrator hydrator;

    public SquarespaceRoute(DeliverySteps steps, SquarespaceNotifications notifications, SquarespaceHydrator hydrator) {
        super(steps);
        this.notifications = notifications;
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "squarespace";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(SquarespaceNotifications.SIGNATURE_HEADER) != null;
    }

    @Override
    protected void authenticate(Exchange exchange) {
        notifications.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return SquarespaceNotifications.topic(exchange);
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
    protected JsonNode received(Exchange exchange) {
        return SquarespaceNotifications.notification(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        return hydrator.hydrate(exchange);
    }
}
