package io.orderhub.routes;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.wix.WixEvents;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Wix eCommerce's translator (docs/platforms/wix.md): RS256-signed JWT bodies whose event carries the whole
 * order, the store is the app instance; mapping: mappings/wix.jslt.
 */
@Component
@ConditionalOnRole("import")
@Order(60)
public class WixRoute extends WebhookPlatformRoute {

    /** The order's {@code id}: a UUID. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.opaque("/id");

    /** A compact JWS: header.payload.signature, each base64url. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final WixEvents events;
    private final OrderTranslator translator;

    public WixRoute(DeliverySteps steps, WixEvents events, OrderTranslator translator) {
        super(steps);
        this.events = events;
        this.translator = translator;
    }

    @Override
    public String platform() {
        return "wix";
    }

    /** A JWT body (three base64url parts) sent as text: no other platform sends one. */
    @Override
    public boolean readsBody() {
        return true;
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return ContentTypes.isToken(delivery.contentType())
                && COMPACT_JWT.matcher(delivery.bodyAsText().trim()).matches();
    }

    @Override
    protected void requireContentType(Exchange exchange) {
        events.requireToken(exchange);
    }

    @Override
    protected void authenticate(Exchange exchange) {
        events.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return WixEvents.eventType(exchange);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("wix.ecom.v1.order_created", "wix.ecom.v1.order_approved", "wix.ecom.v1.order_updated",
                "wix.ecom.v1.order_canceled");
    }

    /** The order is in createdEvent.entity, updatedEvent.currentEntity or actionEvent.body.order, by event kind. */
    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected JsonNode received(Exchange exchange) {
        return order(WixEvents.event(exchange));
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        JsonNode event = WixEvents.event(exchange);
        JsonNode order = order(event);
        if (order == null) {
            throw new UnmappableOrderException("The Wix " + WixEvents.eventType(exchange) + " event carries no order");
        }
        ObjectNode envelope = translator.envelope(exchange, order);
        envelope.set("event", event);
        envelope.put("event_type", WixEvents.eventType(exchange));
        return envelope;
    }

    private static JsonNode order(JsonNode event) {
        for (String path : new String[] {"/createdEvent/entity", "/updatedEvent/currentEntity", "/actionEvent/body/order"}) {
            JsonNode order = event.at(path);
            if (order.isObject()) {
                return order;
            }
        }
        return null;
    }
}
