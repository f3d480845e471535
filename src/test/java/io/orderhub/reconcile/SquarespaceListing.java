package io.orderhub.reconcile;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** Squarespace's Commerce Orders API listing, in the shape its documentation shows. */
final class SquarespaceListing extends ListingFields {
    private static final String ORDERS = "/1.0/commerce/orders";
    /** Squarespace cuts 50 orders a page; the double cuts 2, so a test sees several. */
    private static final int PAGE = 2;

    SquarespaceListing() {
        super("squarespace", "5f3c3d55ac435e1a051f77b3", ORDERS, "id", "modifiedOn");
    }

    /** {@code modifiedAfter} is exclusive; a cursor replaces the filter. */
    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        return q.containsKey("cursor") ? new Query(null, false, null, 0, q.get("cursor"), PAGE)
                : new Query(parse(q.get("modifiedAfter")), true, parse(q.get("modifiedBefore")), 0, null, PAGE);
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(response("q01_order_create_hydrated", ORDERS + "/5f3c39ce69e11e796f199001"),
                "5f3c39ce69e11e796f1%05d".formatted(n), updated).put("orderNumber", 1000 + n);
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        ObjectNode body = Fixture.JSON.createObjectNode();
        body.set("result", array(slice));
        body.putObject("pagination").put("hasNextPage", slice.nextCursor() != null)
                .put("nextPageCursor", slice.nextCursor())
                .put("nextPageUrl", slice.nextCursor() == null ? null
                        : request.baseUrl() + ORDERS + "?cursor=" + slice.nextCursor());
        return Answer.ok(body);
    }

    @Override
    public Map<String, JsonNode> resources(JsonNode order) {
        return Map.of(ORDERS + "/" + id(order), order);
    }

    @Override
    Instant parse(String time) {
        return Instant.parse(time);
    }

    @Override
    String format(Instant at) {
        return at.toString();
    }
}
