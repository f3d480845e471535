package io.orderhub.routes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.PlatformOrdersApi;
import io.orderhub.reconcile.ReconciledStore;

/**
 * Wix eCommerce Search Orders (docs/platforms/wix.md): {@code POST /ecom/v1/orders/search} with a filter on
 * {@code updatedDate} ({@code $gte}/{@code $lte}), sorted by {@code updatedDate} ascending, {@code cursorPaging.limit}
 * (at most 100); later pages send only the cursor {@code metadata.cursors.next} gave (it carries the filter and sort).
 * The listing carries whole orders, so each becomes the event Wix would have sent: an unsigned JWT (a replay's
 * authenticity is its credentials, not a signature) whose event holds the order as {@code updatedEvent.currentEntity}.
 */
@PlatformListing(platform = "wix", hydrated = false, maxPage = 100)
public class WixOrdersApi extends PlatformOrdersApi {

    private static final String NO_SIGNATURE_HEADER = "{\"alg\":\"none\",\"typ\":\"JWT\"}";

    @Override
    public Page page(ApiCalls calls, ReconciledStore store, Window window, String position) {
        URI uri = URI.create(store.baseUrl("https://www.wixapis.com") + "/ecom/v1/orders/search");
        ObjectNode query = object();
        ObjectNode search = query.putObject("search");
        ObjectNode paging = search.putObject("cursorPaging").put("limit", limit(store));
        if (position == null) {
            search.putObject("filter").putObject("updatedDate").put("$gte", window.from().toString())
                    .put("$lte", window.to().toString());
            search.putArray("sort").addObject().put("fieldName", "updatedDate").put("order", "ASC");
        } else {
            paging.put("cursor", position);
        }
        JsonNode answer = calls.json(calls.post(uri, Map.of("Authorization", store.accessToken() == null ? ""
                : store.accessToken(), "wix-site-id", store.storeUid()), query), uri);
        JsonNode metadata = answer.path("metadata");
        String next = metadata.path("hasNext").asBoolean() ? metadata.path("cursors").path("next").asText(null) : null;
        return new Page(ApiCalls.list(answer.path("orders")), next);
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode event = object();
        event.put("id", eventId);
        event.put("entityFqdn", "wix.ecom.v1.order");
        event.put("slug", Deliveries.RECONCILE_TOPIC);
        event.put("entityId", order.path("id").asText());
        event.putObject("updatedEvent").set("currentEntity", order);
        ObjectNode envelope = object();
        envelope.put("eventType", Deliveries.RECONCILE_TOPIC);
        envelope.put("instanceId", store.storeUid());
        envelope.put("data", event.toString());
        ObjectNode claims = object().put("data", envelope.toString());
        String token = base64Url(NO_SIGNATURE_HEADER) + "." + base64Url(claims.toString()) + ".";
        return new InboundDelivery(pulledAt, ContentTypes.TEXT, Map.of("content-type", ContentTypes.TEXT),
                token.getBytes(StandardCharsets.US_ASCII), platform());
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
