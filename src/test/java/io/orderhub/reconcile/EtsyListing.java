package io.orderhub.reconcile;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** Etsy's shop receipts listing, in the shape its documentation shows. */
final class EtsyListing extends EpochListingFields {
    private static final String RECEIPTS = "/v3/application/shops/41523867/receipts";

    EtsyListing() {
        super("etsy", "41523867", RECEIPTS, "receipt_id", "updated_timestamp", "min_last_modified", "max_last_modified");
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(response("y01_order_paid_hydrated", RECEIPTS + "/3456789001"), 3456780000L + n, updated)
                .put("update_timestamp", updated.getEpochSecond());
    }

    /** A receipt has the time twice, {@code update_timestamp} being the older name. */
    @Override
    public JsonNode changedAt(JsonNode order, Instant at) {
        return ((ObjectNode) super.changedAt(order, at)).put("update_timestamp", at.getEpochSecond());
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        ObjectNode body = Fixture.JSON.createObjectNode().put("count", slice.total());
        body.set("results", array(slice));
        return Answer.ok(body);
    }

    @Override
    public Map<String, JsonNode> resources(JsonNode order) {
        return Map.of(RECEIPTS + "/" + id(order), order);
    }
}
