package io.orderhub.platform.ecwid;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a thin Ecwid order event into a whole order: {@code GET /api/v3/{storeId}/orders/{orderId}} and the
 * store profile, whose {@code formatsAndUnits.currency} is the currency of every amount (Ecwid orders carry
 * no currency code), with {@code Authorization: Bearer {access-token}}.
 */
@Component
public class EcwidHydrator {

    private static final String DEFAULT_API = "https://app.ecwid.com";
    private static final String API = "Ecwid REST API";

    private final PlatformApi api;
    private final OrderTranslator translator;

    public EcwidHydrator(PlatformApi api, OrderTranslator translator) {
        this.api = api;
        this.translator = translator;
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode event = EcwidEvents.event(exchange);
        Store store = Deliveries.store(exchange);
        // data.orderId is the order id of current stores; older stores only send the order number as entityId.
        String orderId = event.path("data").path("orderId").asText(event.path("entityId").asText(""));
        if (orderId.isEmpty()) {
            throw new UnmappableOrderException("The Ecwid event names no order (data.orderId, entityId)");
        }
        String base = PlatformApi.baseUrl(store, DEFAULT_API) + "/api/v3/" + store.storeUid();
        CompletableFuture<JsonNode> order = api.fetch(API, base + "/orders/" + orderId, PlatformApi.bearer(store));
        CompletableFuture<JsonNode> profile = api.fetch(API, base + "/profile", PlatformApi.bearer(store));
        JsonNode hydratedOrder = PlatformApi.found(PlatformApi.join(order), API,
                "Ecwid order " + orderId + " of store " + store.storeUid());
        ObjectNode envelope = translator.envelope(exchange, hydratedOrder);
        envelope.set("event", event);
        envelope.set("profile", PlatformApi.join(profile));
        return envelope;
    }
}
