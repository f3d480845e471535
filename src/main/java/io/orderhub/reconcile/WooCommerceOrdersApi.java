package io.orderhub.reconcile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.RetryingHttp;
import org.springframework.stereotype.Component;

/**
 * WooCommerce's REST API v3: {@code GET /wp-json/wc/v3/orders} with {@code modified_after/before} in GMT,
 * oldest change first, {@code page}/{@code per_page} up to {@code X-WP-TotalPages}. The consumer key and
 * secret go as HTTP basic auth (WooCommerce takes that over HTTPS), never in the query string, which
 * web servers log.
 */
@Component
public class WooCommerceOrdersApi implements OrdersApi {

    private final ApiCalls calls;

    public WooCommerceOrdersApi(ApiCalls calls) {
        this.calls = calls;
    }

    @Override
    public String platform() {
        return "woocommerce";
    }

    @Override
    public Page page(ReconciledStore store, Window window, String position) {
        int page = position == null ? 1 : Integer.parseInt(position);
        URI uri = URI.create(store.baseUrl("https://" + store.storeUid()) + "/wp-json/wc/v3/orders?modified_after="
                + window.from() + "&modified_before=" + window.to() + "&dates_are_gmt=true&orderby=modified&order=asc"
                + "&per_page=" + store.api().pageSize() + "&page=" + page);
        String credentials = store.api().consumerKey() + ":" + store.api().consumerSecret();
        RetryingHttp.Answer answer = calls.get(uri, Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        List<JsonNode> orders = new ArrayList<>();
        calls.json(answer, uri).forEach(orders::add);
        String totalPages = answer.header("X-WP-TotalPages");
        boolean more = totalPages == null ? orders.size() == store.api().pageSize()
                : page < Integer.parseInt(totalPages.trim());
        return new Page(orders, more ? String.valueOf(page + 1) : null);
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        return new InboundDelivery(pulledAt, ContentTypes.JSON, Map.of(
                "content-type", ContentTypes.JSON,
                "x-wc-webhook-topic", Deliveries.RECONCILE_TOPIC,
                "x-wc-webhook-resource", "order",
                "x-wc-webhook-source", "https://" + store.storeUid() + "/",
                "x-wc-webhook-delivery-id", eventId),
                order.toString().getBytes(StandardCharsets.UTF_8), platform());
    }
}
