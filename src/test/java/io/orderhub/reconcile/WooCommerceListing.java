package io.orderhub.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** WooCommerce's REST v3 orders listing, in the shape its documentation shows. */
final class WooCommerceListing extends ListingFields {
    WooCommerceListing() {
        super("woocommerce", ReconcileFixtures.WOO_STORE, "/wp-json/wc/v3/orders", "id", "date_modified_gmt");
    }

    @Override
    public Map<String, String> apiBlock() {
        return Map.of("consumer-key", ReconcileFixtures.WOO_KEY, "consumer-secret", ReconcileFixtures.WOO_SECRET);
    }

    /** {@code modified_after} is exclusive. */
    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        return new Query(Instant.parse(q.get("modified_after")), true, Instant.parse(q.get("modified_before")),
                Integer.parseInt(q.get("offset")), null, Integer.parseInt(q.get("per_page")));
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        ObjectNode order = fixtureOrder(body("w01_order_created_processing"), 8000 + n, updated);
        return order.put("number", String.valueOf(8000 + n));
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        int pages = (slice.total() + query.limit() - 1) / query.limit();
        return new Answer(200, Map.of("X-WP-Total", String.valueOf(slice.total()), "X-WP-TotalPages",
                String.valueOf(Math.max(1, pages))), array(slice));
    }

    @Override
    Instant parse(String time) {
        return LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
    }

    @Override
    String format(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
