package io.orderhub.routes;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.RetryingHttp;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.Keyset;
import io.orderhub.reconcile.KeysetOrdersApi;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.ReconciledStore;

/**
 * BigCommerce's V2 API: {@code GET /stores/{hash}/v2/orders} with {@code min/max_date_modified}, oldest change first,
 * {@code page}/{@code limit} (at most 250), paged by {@link Keyset}; an empty page is a 204. Each order becomes a
 * thin event, which the BigCommerce route hydrates exactly as it hydrates a webhook (order, products, shipping
 * addresses), from the API the store's api block names.
 */
@PlatformListing(platform = "bigcommerce", hydrated = true, maxPage = 250)
public class BigCommerceOrdersApi extends KeysetOrdersApi {

    private static final String DEFAULT_API = "https://api.bigcommerce.com";

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        String base = store.store().apiBaseUrl() == null ? DEFAULT_API : store.store().apiBaseUrl();
        URI uri = URI.create(base + "/stores/" + store.storeUid() + "/v2/orders?min_date_modified=" + keyset.from(window)
                + "&max_date_modified=" + window.to() + "&sort=date_modified:asc&limit=" + limit
                + "&page=" + keyset.page(limit));
        String token = store.store().accessToken();
        RetryingHttp.Answer answer = calls.get(uri, Map.of("X-Auth-Token", token == null ? "" : token));
        return keyset.nextOfPage(ApiCalls.list(calls.json(answer, uri)), limit,
                order -> ZonedDateTime.parse(order.path("date_modified").asText(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant(),
                order -> order.path("id").asText());
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode event = object();
        event.put("scope", Deliveries.RECONCILE_TOPIC);
        event.putObject("data").put("type", "order").put("id", order.path("id").asLong());
        event.put("hash", eventId);
        event.put("created_at", pulledAt.getEpochSecond());
        event.put("producer", "stores/" + store.storeUid());
        return OrdersApi.jsonDelivery(platform(), event, pulledAt, Map.of());
    }
}
