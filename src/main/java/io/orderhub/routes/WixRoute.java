package io.orderhub.routes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * Wix eCommerce's translator (docs/platforms/wix.md): the whole body is a JWT signed RS256 with the app's key pair;
 * its {@code data} claim is a JSON string {@code {"eventType","instanceId","data":"<JSON string of the event>"}} whose
 * event carries the whole order. The site is the app instance ({@code instanceId}), named inside the token, so the
 * token's payload is read first to find the store whose configured public key then verifies the signature over the
 * token's header and payload. Mapping: mappings/wix.jslt.
 */
@PlatformRoute(order = 60)
public class WixRoute extends WebhookPlatformRoute {

    /** The order's {@code id}: a UUID. The topic is the token's eventType. */
    private static final PlatformShape WIX = PlatformShape.of("wix", OrderIdentity.opaque("/id"))
            .withTopics(null, null, "wix.ecom.v1.order_created", "wix.ecom.v1.order_approved", "wix.ecom.v1.order_updated",
                    "wix.ecom.v1.order_canceled")
            .withBodyRead();

    /** A compact JWS: header.payload.signature, each base64url. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final PayloadJson json;

    public WixRoute(DeliverySteps steps, PayloadJson json) {
        super(steps, WIX);
        this.json = json;
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return ContentTypes.isToken(delivery.contentType())
                && COMPACT_JWT.matcher(delivery.bodyAsText().trim()).matches();
    }

    @Override
    protected void requireContentType(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        if (!ContentTypes.isToken(delivery.contentType())) {
            throw new Problems.UnsupportedContentType(delivery.contentType(), ContentTypes.TEXT + " (a JWT)");
        }
    }

    @Override
    protected void authenticate(Exchange exchange) {
        String[] parts = Deliveries.delivery(exchange).bodyAsText().trim().split("\\.", -1);
        JsonNode claims = parts.length == 3 ? decode(parts[1]) : null;
        JsonNode envelope = claims == null ? null : parseText(claims.path("data"));
        if (envelope == null || !envelope.hasNonNull("instanceId")) {
            throw new Problems.Unauthenticated("This Wix delivery cannot be authenticated: the body is not a JWT whose "
                    + "data names an instanceId.");
        }
        steps.authenticate(exchange, envelope.get("instanceId").asText(), (delivery, store) -> verify(parts, store));
        JsonNode event = parseText(envelope.path("data"));
        if (event == null) {
            throw new Problems.MalformedPayload("The Wix event data is not a JSON object.");
        }
        Deliveries.update(exchange, context -> context.withTopic(envelope.path("eventType").asText(null)));
        steps.receive(exchange, event);
    }

    private static void verify(String[] parts, Store store) {
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!Authenticator.verifiesRsaSha256(store, signed, parts[2], Base64.getUrlDecoder())) {
            throw new Problems.Unauthenticated("The Wix JWT is not signed (RS256) with the app key configured for instance '"
                    + store.storeUid() + "'.");
        }
    }

    private JsonNode decode(String base64Url) {
        try {
            return json.tryParse(Base64.getUrlDecoder().decode(base64Url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Wix nests JSON as strings; some tools send the object itself. */
    private JsonNode parseText(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        return node.isTextual() ? json.tryParse(node.asText().getBytes(StandardCharsets.UTF_8)) : null;
    }

    @Override
    protected String topic(Exchange exchange) {
        return Deliveries.context(exchange).topic();
    }

    /** The order is in createdEvent.entity, updatedEvent.currentEntity or actionEvent.body.order, by event kind. */
    @Override
    protected JsonNode received(Exchange exchange) {
        return order(Deliveries.received(exchange));
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        JsonNode order = received(exchange);
        if (order == null) {
            throw new UnmappableOrderException("The Wix " + topic(exchange) + " event carries no order");
        }
        ObjectNode envelope = steps.envelope(exchange, order);
        envelope.set("event", Deliveries.received(exchange));
        envelope.put("event_type", topic(exchange));
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
