package io.orderhub.platform.bigcommerce;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.OrderTranslator;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a thin BigCommerce event into a whole order: the V2 order, its products and its shipping
 * addresses, fetched in parallel through {@link PlatformApi} (timeouts, retries, 503 when unreachable).
 */
@Component
public class BigCommerceHydrator {

    private static final String DEFAULT_API = "https://api.bigcommerce.com";
    private static final String API = "BigCommerce API";

    private final PlatformApi api;
    private final PayloadJson json;
    private final OrderTranslator translator;

    public BigCommerceHydrator(PlatformApi api, PayloadJson json, OrderTranslator translator) {
        this.api = api;
        this.json = json;
        this.translator = translator;
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode event = BigCommerceEvents.event(exchange);
        Store store = Deliveries.store(exchange);
        String orderId = event.path("data").path("id").asText("");
        if (orderId.isEmpty()) {
            throw new UnmappableOrderException("The BigCommerce event has no data.id");
        }
        String orderUri = PlatformApi.baseUrl(store, DEFAULT_API) + "/stores/" + store.storeUid() + "/v2/orders/" + orderId;
        Map<String, String> headers = store.accessToken() == null ? Map.of() : Map.of("X-Auth-Token", store.accessToken());
        CompletableFuture<JsonNode> order = api.fetch(API, orderUri, headers);
        CompletableFuture<JsonNode> products = api.fetch(API, orderUri + "/products", headers);
        CompletableFuture<JsonNode> addresses = api.fetch(API, orderUri + "/shipping_addresses", headers);
        JsonNode hydratedOrder = PlatformApi.found(PlatformApi.join(order), API,
                "BigCommerce order " + orderId + " of store " + store.storeUid());
        ObjectNode envelope = translator.envelope(exchange, hydratedOrder);
        envelope.set("event", event);
        envelope.set("products", orEmptyArray(PlatformApi.join(products)));
        envelope.set("shipping_addresses", orEmptyArray(PlatformApi.join(addresses)));
        return envelope;
    }

    private JsonNode orEmptyArray(JsonNode node) {
        return node == null || node.isNull() ? json.mapper().createArrayNode() : node;
    }
}
