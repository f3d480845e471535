package io.orderhub.reconcile;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** Ecwid's REST v3 order search listing, in the shape its documentation shows. */
final class EcwidListing extends EpochListingFields {
    private static final String ORDERS = "/api/v3/1003/orders";

    EcwidListing() {
        super("ecwid", "1003", ORDERS, "id", "updateTimestamp", "updatedFrom", "updatedTo");
    }

    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(response("e01_order_created_hydrated", ORDERS + "/EC01A"), "EC" + (6000 + n), updated)
                .put("internalId", 516480000L + n);
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        ObjectNode body = Fixture.JSON.createObjectNode().put("total", slice.total()).put("count", slice.orders().size())
                .put("offset", query.offset()).put("limit", query.limit());
        body.set("items", array(slice));
        return Answer.ok(body);
    }

    @Override
    public Map<String, JsonNode> resources(JsonNode order) {
        return Map.of(ORDERS + "/" + id(order), order);
    }
}
