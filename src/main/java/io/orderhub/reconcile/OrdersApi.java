package io.orderhub.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.config.OrderHubProperties.StoreApi;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;

/**
 * One platform's order API as reconciliation reads it: the orders updated in a window, a page at a time,
 * oldest change first, and each order as the delivery its webhook would have been.
 */
public interface OrdersApi {

    String platform();

    /**
     * A page of the window, asked with {@code calls}; {@code position} is null for the first page, else a previous
     * page's {@code next}.
     */
    Page page(ApiCalls calls, ReconciledStore store, Window window, String position);

    /** The pulled order as a delivery the platform's route and mapping file accept unchanged. */
    InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt);

    /**
     * The store the pulled orders are imported as. A platform that sends whole orders imports them as the
     * store is configured; a thin one overrides this with {@link #hydratedThroughApi}, so its route hydrates
     * each pulled order from the API the listing came from.
     */
    default Store importedAs(Store store, StoreApi api) {
        return store;
    }

    /** A JSON delivery of the platform, with its webhook's headers. */
    static InboundDelivery jsonDelivery(String platform, JsonNode body, Instant pulledAt, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("content-type", ContentTypes.JSON);
        return new InboundDelivery(pulledAt, ContentTypes.JSON, all, body.toString().getBytes(StandardCharsets.UTF_8),
                platform);
    }

    /** The store with the api block's base URL and access token, where the block sets them. */
    static Store hydratedThroughApi(Store store, StoreApi api) {
        String baseUrl = api.baseUrl() == null || api.baseUrl().isBlank() ? store.apiBaseUrl() : api.baseUrl();
        String token = api.accessToken() == null || api.accessToken().isBlank() ? store.accessToken() : api.accessToken();
        return new Store(store.platform(), store.storeUid(), store.webhookSecret(), token, baseUrl);
    }

    /** @param next where the following page starts, null after the last */
    record Page(List<JsonNode> orders, String next) {
    }

    record Window(Instant from, Instant to) {
    }
}
