package io.orderhub.platform.squarespace;

import java.util.HashMap;
import java.util.Map;

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
 * Turns a thin Squarespace notification into a whole order: {@code GET /1.0/commerce/orders/{orderId}} of the
 * Commerce Orders API, with {@code Authorization: Bearer {access-token}} and the User-Agent Squarespace asks for.
 */
@Component
public class SquarespaceHydrator {

    private static final String DEFAULT_API = "https://api.squarespace.com";
    private static final String API = "Squarespace Orders API";

    private final PlatformApi api;
    private final OrderTranslator translator;

    public SquarespaceHydrator(PlatformApi api, OrderTranslator translator) {
        this.api = api;
        this.translator = translator;
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode notification = SquarespaceNotifications.notification(exchange);
        Store store = Deliveries.store(exchange);
        String orderId = notification.path("data").path("orderId").asText("");
        if (orderId.isEmpty()) {
            throw new UnmappableOrderException("The Squarespace notification has no data.orderId");
        }
        String uri = PlatformApi.baseUrl(store, DEFAULT_API) + "/1.0/commerce/orders/" + orderId;
        Map<String, String> headers = new HashMap<>(PlatformApi.bearer(store));
        headers.put("User-Agent", "OrderImportHub/1.0");
        JsonNode order = PlatformApi.found(PlatformApi.join(api.fetch(API, uri, headers)), API,
                "Squarespace order " + orderId + " of site " + store.storeUid());
        ObjectNode envelope = translator.envelope(exchange, order);
        envelope.set("notification", notification);
        return envelope;
    }
}
