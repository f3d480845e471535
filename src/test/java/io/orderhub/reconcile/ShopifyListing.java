package io.orderhub.reconcile;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.Fixture;

/** Shopify's REST Admin orders listing, in the shape its documentation shows. */
final class ShopifyListing extends ListingFields {
    ShopifyListing() {
        super("shopify", ReconcileFixtures.SHOPIFY_STORE, null, "id", "updated_at");
    }

    @Override
    public Map<String, String> apiBlock() {
        return Map.of("access-token", ReconcileFixtures.SHOPIFY_TOKEN);
    }

    @Override
    public boolean lists(Request request) {
        return request.path().matches("/admin/api/[^/]+/orders\\.json");
    }

    @Override
    public String credential(Request request) {
        return request.headers().get("X-Shopify-Access-Token");
    }

    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        int limit = Integer.parseInt(q.get("limit"));
        return q.containsKey("page_info") ? new Query(null, false, null, 0, q.get("page_info"), limit)
                : Query.window(parse(q.get("updated_at_min")), parse(q.get("updated_at_max")), 0, limit);
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(body("s01_orders_create_paid_two_items"), 9000 + n, updated).put("name", "#" + (9000 + n));
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        Map<String, String> headers = new HashMap<>(Map.of("X-Shopify-Shop-Api-Call-Limit", "1/40"));
        if (slice.nextCursor() != null) {
            headers.put("Link", "<" + request.baseUrl() + request.path() + "?limit=" + query.limit() + "&page_info="
                    + slice.nextCursor() + ">; rel=\"next\"");
        }
        return new Answer(200, headers, Fixture.JSON.createObjectNode().set("orders", array(slice)));
    }

    @Override
    Instant parse(String time) {
        return ZonedDateTime.parse(time).toInstant();
    }

    @Override
    String format(Instant at) {
        return at.toString();
    }
}
