package io.orderhub.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a thin event into a whole order the way its platform's {@link Hydration} says: the order and its parts
 * fetched in parallel with the store's credentials through {@link PlatformApi} (timeouts, retries, 503 when
 * unreachable, 404 for the order: dead letter), merged into one envelope beside the received event.
 */
@Component
public record Hydrator(PlatformApi api, OrderTranslator translator) {

    /** The envelope of the order {@code orderId} names; an event that names none is unmappable. */
    public ObjectNode hydrate(Exchange exchange, Hydration hydration, String orderId) {
        Store store = Deliveries.store(exchange);
        requireOrderId(exchange, orderId);
        CompletableFuture<JsonNode> order = fetch(hydration, store, hydration.order(), orderId);
        Map<Hydration.Part, CompletableFuture<JsonNode>> parts = new LinkedHashMap<>();
        hydration.parts().forEach(part -> parts.put(part, fetch(hydration, store, part.path(), orderId)));
        ObjectNode envelope = translator.envelope(exchange, found(hydration, store, orderId, PlatformApi.join(order)));
        envelope.set(hydration.eventField(), Deliveries.received(exchange));
        parts.forEach((part, answer) -> envelope.set(part.field(), orEmptyList(part, PlatformApi.join(answer))));
        return envelope;
    }

    /** The order alone, for a platform that fetches what it names itself; a 404 is unmappable. */
    public JsonNode order(Exchange exchange, Hydration hydration, String orderId) {
        Store store = Deliveries.store(exchange);
        requireOrderId(exchange, orderId);
        return found(hydration, store, orderId, PlatformApi.join(fetch(hydration, store, hydration.order(), orderId)));
    }

    /** One resource of the store's API, in the background: null for 404. */
    public CompletableFuture<JsonNode> fetch(Hydration hydration, Store store, String path, String orderId) {
        return api.fetch(hydration.api(), hydration.url(store, path, orderId), hydration.headers(store));
    }

    private static void requireOrderId(Exchange exchange, String orderId) {
        if (orderId == null || orderId.isEmpty()) {
            throw new UnmappableOrderException("The " + Deliveries.platform(exchange) + " event names no order");
        }
    }

    private static JsonNode found(Hydration hydration, Store store, String orderId, JsonNode order) {
        return PlatformApi.found(order, hydration.api(), "The " + store.platform() + " order " + orderId + " of store "
                + store.storeUid());
    }

    private static JsonNode orEmptyList(Hydration.Part part, JsonNode answer) {
        return part.list() && (answer == null || answer.isNull()) ? JsonNodeFactory.instance.arrayNode() : answer;
    }
}
