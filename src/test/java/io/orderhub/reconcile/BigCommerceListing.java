package io.orderhub.reconcile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** BigCommerce's V2 orders listing, in the shape its documentation shows. */
final class BigCommerceListing extends ListingFields {
    private static final String ORDERS = "/stores/" + ReconcileFixtures.BIGCOMMERCE_STORE + "/v2/orders";

    BigCommerceListing() {
        super("bigcommerce", ReconcileFixtures.BIGCOMMERCE_STORE, ORDERS, "id", "date_modified");
    }

    @Override
    public String credential(Request request) {
        return request.headers().get("X-Auth-Token");
    }

    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        int limit = Integer.parseInt(q.get("limit"));
        return Query.window(Instant.parse(q.get("min_date_modified")), Instant.parse(q.get("max_date_modified")),
                (Integer.parseInt(q.get("page")) - 1) * limit, limit);
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(response("b01_order_created_hydrated", ORDERS + "/101"), 7000 + n, updated);
    }

    /** An empty page is a 204 without a body. */
    @Override
    public Answer page(Request request, Query query, Slice slice) {
        return slice.orders().isEmpty() ? new Answer(204, Map.of(), null) : Answer.ok(array(slice));
    }

    @Override
    public Map<String, JsonNode> resources(JsonNode order) {
        String path = ORDERS + "/" + id(order);
        return Map.of(path, order,
                path + "/products", response("b01_order_created_hydrated", ORDERS + "/101/products"),
                path + "/shipping_addresses", response("b01_order_created_hydrated", ORDERS + "/101/shipping_addresses"));
    }

    @Override
    Instant parse(String time) {
        return ZonedDateTime.parse(time, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    @Override
    String format(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
