package io.orderhub.platform;

import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.gateway.StoreRateLimiter;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.OrderTranslator;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Steps every platform route takes; a platform route adds only what is its own. */
@Component
public record DeliverySteps(Authenticator authenticator, StoreRateLimiter rateLimiter, WebhookArrivals health,
        OrderTranslator translator, PayloadJson json, Hydrator hydrator) {

    public Authenticator authenticator() {
        return authenticator;
    }

    public Hydrator hydrator() {
        return hydrator;
    }

    /**
     * For platforms that name the store (or what they sign) only inside the body: the body parsed and kept as what
     * was {@link Deliveries#received}. A body that is not JSON, or lacks one of {@code requiredFields} (JSON
     * pointers), cannot be authenticated: 401, so a stranger never learns more than that.
     */
    public JsonNode readBodyNaming(Exchange exchange, String... requiredFields) {
        JsonNode body = json.tryParse(Deliveries.delivery(exchange).rawBody());
        for (String field : requiredFields) {
            if (body == null || body.at(field).isMissingNode() || body.at(field).isNull()) {
                throw new Problems.Unauthenticated("This " + Deliveries.platform(exchange) + " delivery cannot be "
                        + "authenticated: it is not a JSON body naming " + String.join(", ", requiredFields) + ".");
            }
        }
        return receive(exchange, body);
    }

    /** Keeps what the platform sent, parsed, for the topic, the order identity and the envelope. */
    public JsonNode receive(Exchange exchange, JsonNode received) {
        Deliveries.update(exchange, context -> context.withReceived(received));
        return received;
    }

    /** What the route kept as received, else the body as JSON (400 when it is not), parsed once and kept. */
    public JsonNode received(Exchange exchange) {
        JsonNode received = Deliveries.received(exchange);
        return received != null ? received : receive(exchange, translator.parsedBody(exchange));
    }

    /** The envelope a mapping file reads, around {@code order}. */
    public ObjectNode envelope(Exchange exchange, JsonNode order) {
        return translator.envelope(exchange, order);
    }

    /** The text at {@code field} (a JSON pointer) of what was received; null when absent. */
    public String receivedText(Exchange exchange, String field) {
        JsonNode value = received(exchange).at(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** Order deliveries are JSON on every platform. */
    public void requireJson(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        if (!delivery.isJson()) {
            throw new Problems.UnsupportedContentType(delivery.contentType(), ContentTypes.JSON);
        }
    }

    /** The store a header names: trimmed, lower case (host names and handles are case-insensitive). */
    public static String storeInHeader(Exchange exchange, String header) {
        String store = Deliveries.delivery(exchange).header(header);
        return store == null ? null : store.trim().toLowerCase(Locale.ROOT);
    }

    /** Finds the claimed store and checks a base64 HMAC-SHA256 of the raw body in the given header. */
    public void authenticateHmac(Exchange exchange, String storeUid, String signatureHeader) {
        authenticateHmac(exchange, storeUid, signatureHeader, Deliveries.delivery(exchange).rawBody());
    }

    /** The same for platforms that sign something other than the raw body. */
    public void authenticateHmac(Exchange exchange, String storeUid, String signatureHeader, byte[] signedContent) {
        authenticate(exchange, storeUid, (delivery, store) ->
                authenticator.requireHmacSha256Base64(delivery, store, signatureHeader, signedContent));
    }

    /** Finds the claimed store and compares a shared secret sent in the given header. */
    public void authenticateSharedSecret(Exchange exchange, String storeUid, String secretHeader) {
        authenticate(exchange, storeUid, (delivery, store) -> authenticator.requireSharedSecret(delivery, store, secretHeader));
    }

    /**
     * Finds the claimed store (401 when unknown or without a secret), runs the platform's check of the delivery
     * against it (401 when it fails) and sets the store on the exchange. A replay was checked when it arrived.
     */
    public void authenticate(Exchange exchange, String storeUid, BiConsumer<InboundDelivery, Store> check) {
        if (Deliveries.isReplay(exchange)) {
            return;
        }
        Store store = authenticator.store(Deliveries.platform(exchange), storeUid);
        check.accept(Deliveries.delivery(exchange), store);
        Deliveries.update(exchange, context -> context.withStore(store));
    }

    /** The per-store rate limit, after authentication so forged deliveries cannot spend a store's budget. */
    public void admit(Exchange exchange) {
        if (Deliveries.isReplay(exchange)) {
            return;
        }
        Store store = Deliveries.store(exchange);
        rateLimiter.admit(store.platform(), store.storeUid());
        health.webhookArrived(store.platform(), store.storeUid());
    }

    /**
     * Admits an order delivery's identity before it becomes an idempotency key or a platform API call: an id the
     * platform can never have written (1e400, -3, letters where ids are numbers) or a store uid no key can hold
     * is dead-lettered, with its raw delivery kept for replay like any other unmappable order.
     */
    public void requireOrderIdentity(Exchange exchange, OrderIdentity identity, JsonNode received) {
        String platform = Deliveries.platform(exchange);
        if (!identity.admits(received)) {
            throw new UnmappableOrderException("The " + platform + " order id " + identity.field() + " = "
                    + identity.shown(received) + " is not " + identity.shape().description());
        }
        Store store = Deliveries.store(exchange);
        if (store != null && !OrderIdentity.isPrintable(store.storeUid())) {
            throw new UnmappableOrderException("The " + platform + " store uid '" + OrderIdentity.shown(store.storeUid())
                    + "' is not " + OrderIdentity.Shape.OPAQUE.description());
        }
    }

    /** The platform's order topics, and for an order reconciliation pulled from the API its own topic. */
    public boolean isOrderTopic(Exchange exchange, Set<String> orderTopics, String topic) {
        return orderTopics.contains(topic)
                || (Deliveries.isReconcile(exchange) && Deliveries.RECONCILE_TOPIC.equals(topic));
    }

    public ImportResult ignored(String reason) {
        return ImportResult.ignored(reason);
    }
}
