package io.orderhub.routes;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.PlatformOrdersApi;
import io.orderhub.reconcile.ReconciledStore;

/**
 * Squarespace's Commerce Orders API (docs/platforms/squarespace.md): {@code GET /1.0/commerce/orders} with
 * {@code modifiedAfter}/{@code modifiedBefore} for the first page, then only the {@code cursor} its
 * {@code pagination.nextPageCursor} gave (a cursor cannot be combined with the filters); a bearer API key and the
 * User-Agent Squarespace asks of every client. Each order becomes the thin notification Squarespace would have
 * sent, which the Squarespace route hydrates as it hydrates a webhook.
 */
@PlatformListing(platform = "squarespace", hydrated = true, maxPage = 50)
public class SquarespaceOrdersApi extends PlatformOrdersApi {

    @Override
    public Page page(ApiCalls calls, ReconciledStore store, Window window, String position) {
        String query = position == null ? "modifiedAfter=" + window.from() + "&modifiedBefore=" + window.to()
                : "cursor=" + URLEncoder.encode(position, StandardCharsets.UTF_8);
        URI uri = URI.create(store.baseUrl("https://api.squarespace.com") + "/1.0/commerce/orders?" + query);
        JsonNode answer = calls.json(calls.get(uri, Map.of("Authorization", "Bearer " + store.accessToken(),
                "User-Agent", "OrderImportHub/1.0")), uri);
        JsonNode pagination = answer.path("pagination");
        String next = pagination.path("hasNextPage").asBoolean() ? pagination.path("nextPageCursor").asText(null) : null;
        return new Page(ApiCalls.list(answer.path("result")), next);
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode notification = object();
        notification.put("id", eventId);
        notification.put("websiteId", store.storeUid());
        notification.put("topic", Deliveries.RECONCILE_TOPIC);
        notification.put("createdOn", pulledAt.toString());
        notification.putObject("data").put("orderId", order.path("id").asText());
        return OrdersApi.jsonDelivery(platform(), notification, pulledAt, Map.of());
    }
}
