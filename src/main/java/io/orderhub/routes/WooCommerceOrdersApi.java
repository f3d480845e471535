package io.orderhub.routes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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
 * WooCommerce's REST API v3: {@code GET /wp-json/wc/v3/orders} with {@code modified_after/before} in GMT, oldest
 * change first, {@code per_page} (at most 100) and {@code offset}, paged by {@link Keyset}: {@code modified_after}
 * is exclusive, so a page asks from one second before the last order read. The consumer key and secret go as
 * HTTP basic auth (WooCommerce takes that over HTTPS), never in the query string, which web servers log.
 */
@PlatformListing(platform = "woocommerce", hydrated = false, maxPage = 100)
public class WooCommerceOrdersApi extends KeysetOrdersApi {

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        String credentials = store.api().consumerKey() + ":" + store.api().consumerSecret();
        URI uri = URI.create(store.baseUrl("https://" + store.storeUid()) + "/wp-json/wc/v3/orders?modified_after="
                + keyset.from(window).minusSeconds(1) + "&modified_before=" + window.to()
                + "&dates_are_gmt=true&orderby=modified&order=asc&per_page=" + limit + "&offset=" + keyset.offset());
        RetryingHttp.Answer answer = calls.get(uri, Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        List<JsonNode> orders = ApiCalls.list(calls.json(answer, uri));
        return keyset.next(orders, limit, WooCommerceOrdersApi::modified, order -> order.path("id").asText());
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        return OrdersApi.jsonDelivery(platform(), order, pulledAt, Map.of(
                "x-wc-webhook-topic", Deliveries.RECONCILE_TOPIC,
                "x-wc-webhook-resource", "order",
                "x-wc-webhook-source", "https://" + store.storeUid() + "/",
                "x-wc-webhook-delivery-id", eventId));
    }

    /** {@code date_modified_gmt}, e.g. {@code 2026-11-20T12:00:00}, in UTC without an offset. */
    private static Instant modified(JsonNode order) {
        return LocalDateTime.parse(order.path("date_modified_gmt").asText()).toInstant(ZoneOffset.UTC);
    }
}
