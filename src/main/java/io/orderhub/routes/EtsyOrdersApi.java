package io.orderhub.routes;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * Etsy's Open API v3 getShopReceipts (docs/platforms/etsy.md): {@code GET /v3/application/shops/{shop_id}/receipts}
 * with {@code min_last_modified}/{@code max_last_modified} (UNIX seconds), {@code sort_on=updated&sort_order=asc},
 * {@code limit} (at most 100) and {@code offset}, the app's {@code x-api-key} and the shop's OAuth token; paged by
 * {@link Keyset}; when {@code x-remaining-this-second} says the app's per-second budget is spent, the next page waits a
 * second. Each receipt becomes the thin event Etsy would have sent, which the Etsy route hydrates as it
 * hydrates a webhook.
 */
@PlatformListing(platform = "etsy", hydrated = true, maxPage = 100)
public class EtsyOrdersApi extends KeysetOrdersApi {

    private static final String DEFAULT_API = "https://openapi.etsy.com";

    private final EtsyRoute.Settings settings;

    public EtsyOrdersApi(EtsyRoute.Settings settings) {
        this.settings = settings;
    }

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        URI uri = URI.create(store.baseUrl(DEFAULT_API) + "/v3/application/shops/" + store.storeUid()
                + "/receipts?min_last_modified=" + keyset.from(window).getEpochSecond() + "&max_last_modified="
                + window.to().getEpochSecond() + "&sort_on=updated&sort_order=asc&limit=" + limit
                + "&offset=" + keyset.offset());
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + store.accessToken()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            headers.put("x-api-key", settings.apiKey());
        }
        RetryingHttp.Answer answer = calls.get(uri, headers);
        if ("0".equals(answer.header("x-remaining-this-second"))) {
            // The app's per-second budget is spent: the next page waits for the next second rather than a 429.
            RetryingHttp.sleep(Duration.ofSeconds(1));
        }
        return keyset.next(ApiCalls.list(calls.json(answer, uri).path("results")), limit,
                receipt -> Instant.ofEpochSecond(receipt.path("updated_timestamp").asLong()),
                receipt -> receipt.path("receipt_id").asText());
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode receipt, String eventId, Instant pulledAt) {
        ObjectNode event = object();
        event.put("event_type", Deliveries.RECONCILE_TOPIC);
        event.put("resource_url", DEFAULT_API + "/v3/application/shops/" + store.storeUid() + "/receipts/"
                + receipt.path("receipt_id").asText());
        event.put("shop_id", store.storeUid());
        return OrdersApi.jsonDelivery(platform(), event, pulledAt, Map.of("webhook-id", eventId));
    }
}
