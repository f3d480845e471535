package io.orderhub.routes;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.RetryingHttp;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.PlatformOrdersApi;
import io.orderhub.reconcile.ReconciledStore;

/**
 * Shopify's REST Admin API: {@code GET /admin/api/{version}/orders.json} with {@code updated_at_min/max},
 * oldest change first, following the cursor in the {@code Link: <…>; rel="next"} header. The leaky bucket
 * ({@code X-Shopify-Shop-Api-Call-Limit: 32/40}, 2 calls a second leak out) is let drain to half before the
 * next call when it is 80 % full; a 429 waits its {@code Retry-After}.
 */
@PlatformListing(platform = "shopify", hydrated = false, maxPage = 250)
public class ShopifyOrdersApi extends PlatformOrdersApi {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final double LEAK_PER_SECOND = 2.0;

    @Override
    public Page page(ApiCalls calls, ReconciledStore store, Window window, String position) {
        URI uri = position != null ? URI.create(position) : URI.create(store.baseUrl("https://" + store.storeUid())
                + "/admin/api/" + store.api().apiVersion() + "/orders.json?status=any&limit=" + limit(store)
                + "&updated_at_min=" + window.from() + "&updated_at_max=" + window.to() + "&order=updated_at+asc");
        RetryingHttp.Answer answer = calls.get(uri, Map.of("X-Shopify-Access-Token", nonNull(store.api().accessToken())));
        drainBucket(answer.header("X-Shopify-Shop-Api-Call-Limit"));
        return new Page(ApiCalls.list(calls.json(answer, uri).path("orders")), next(answer.header("Link")));
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        return OrdersApi.jsonDelivery(platform(), order, pulledAt, Map.of(
                "x-shopify-topic", Deliveries.RECONCILE_TOPIC,
                "x-shopify-shop-domain", store.storeUid(),
                "x-shopify-api-version", store.api().apiVersion(),
                "x-shopify-event-id", eventId));
    }

    private static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void drainBucket(String callLimit) {
        if (callLimit == null || !callLimit.contains("/")) {
            return;
        }
        try {
            String[] parts = callLimit.split("/");
            double used = Double.parseDouble(parts[0].trim());
            double size = Double.parseDouble(parts[1].trim());
            if (used >= size * 0.8) {
                RetryingHttp.sleep(Duration.ofMillis((long) ((used - size / 2) / LEAK_PER_SECOND * 1000)));
            }
        } catch (NumberFormatException e) {
            // An unreadable header is no reason to stop; a 429 would still be honoured.
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
