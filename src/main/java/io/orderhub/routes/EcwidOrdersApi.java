package io.orderhub.routes;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.Keyset;
import io.orderhub.reconcile.KeysetOrdersApi;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.ReconciledStore;

/**
 * Ecwid's REST API v3 search orders (docs/platforms/ecwid.md): {@code GET /api/v3/{storeId}/orders} with
 * {@code updatedFrom}/{@code updatedTo} (UNIX seconds), {@code sortBy=UPDATED_DATE_ASC}, {@code offset} and
 * {@code limit} (at most 100), a bearer token; paged by {@link Keyset}. Each order becomes the thin event Ecwid would
 * have sent, which the Ecwid route hydrates as it hydrates a webhook (the order and the store profile).
 */
@PlatformListing(platform = "ecwid", hydrated = true, maxPage = 100)
public class EcwidOrdersApi extends KeysetOrdersApi {

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        URI uri = URI.create(store.baseUrl("https://app.ecwid.com") + "/api/v3/" + store.storeUid() + "/orders?updatedFrom="
                + keyset.from(window).getEpochSecond() + "&updatedTo=" + window.to().getEpochSecond()
                + "&sortBy=UPDATED_DATE_ASC&offset=" + keyset.offset() + "&limit=" + limit);
        JsonNode answer = calls.json(calls.get(uri, Map.of("Authorization", "Bearer " + store.accessToken())), uri);
        return keyset.next(ApiCalls.list(answer.path("items")), limit,
                order -> Instant.ofEpochSecond(order.path("updateTimestamp").asLong()), order -> order.path("id").asText());
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode event = object();
        event.put("eventId", eventId);
        event.put("eventCreated", pulledAt.getEpochSecond());
        event.put("storeId", store.storeUid());
        event.set("entityId", order.path("internalId"));
        event.put("eventType", Deliveries.RECONCILE_TOPIC);
        event.putObject("data").put("orderId", order.path("id").asText());
        return OrdersApi.jsonDelivery(platform(), event, pulledAt, Map.of());
    }
}
