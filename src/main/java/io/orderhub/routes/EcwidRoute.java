package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.ecwid.EcwidEvents;
import io.orderhub.platform.ecwid.EcwidHydrator;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ecwid's translator (docs/platforms/ecwid.md): thin events signed in {@code X-Ecwid-Webhook-Signature}, the
 * store is the body's {@code storeId}, orders are hydrated from the REST API v3 (mappings/ecwid.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(40)
public class EcwidRoute extends WebhookPlatformRoute {

    /** {@code data.orderId} is the internal order id, a string such as "EC01A" (not the numeric entityId). */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/data/orderId");

    private final EcwidEvents events;
    private final EcwidHydrator hydrator;

    public EcwidRoute(DeliverySteps steps, EcwidEvents events, EcwidHydrator hydrator) {
        super(steps);
        this.events = events;
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "ecwid";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(EcwidEvents.SIGNATURE_HEADER) != null;
    }

    @Override
    protected void authenticate(Exchange exchange) {
        events.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return EcwidEvents.eventType(exchange);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.created", "order.updated");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected JsonNode received(Exchange exchange) {
        return EcwidEvents.event(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        return hydrator.hydrate(exchange);
    }
}
