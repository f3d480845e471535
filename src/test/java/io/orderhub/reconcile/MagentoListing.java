package io.orderhub.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** Magento's REST /V1/orders search listing, in the shape its documentation shows. */
final class MagentoListing extends ListingFields {
    MagentoListing() {
        super("magento", "shop.magento-demo.example", "/rest/V1/orders", "entity_id", "updated_at");
    }

    @Override
    public Map<String, String> apiBlock() {
        return Map.of("access-token", "magento_integration_token");
    }

    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        String filter = "searchCriteria[filter_groups][%d][filters][0][value]";
        int limit = Integer.parseInt(q.get("searchCriteria[pageSize]"));
        return Query.window(parse(q.get(filter.formatted(0))), parse(q.get(filter.formatted(1))),
                (Integer.parseInt(q.get("searchCriteria[currentPage]")) - 1) * limit, limit);
    }

    /** The REST shape: a billing address and the shipping assignments' address, where the webhook has addresses. */
    @Override
    public JsonNode order(long n, Instant updated) {
        ObjectNode order = fixtureOrder(body("m01_order_placed_processing").path("data").path("order"), 5000 + n, updated);
        order.put("increment_id", "00000" + (5000 + n));
        JsonNode addresses = order.remove("addresses");
        for (JsonNode address : addresses) {
            if (address.path("address_type").asText().equals("billing")) {
                order.set("billing_address", address);
            } else {
                order.putObject("extension_attributes").putArray("shipping_assignments").addObject()
                        .putObject("shipping").set("address", ((ObjectNode) address.deepCopy()).without("address_type"));
            }
        }
        return order;
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        ObjectNode body = Fixture.JSON.createObjectNode();
        body.set("items", array(slice));
        body.putObject("search_criteria").put("page_size", query.limit());
        body.put("total_count", slice.total());
        return Answer.ok(body);
    }

    @Override
    Instant parse(String time) {
        return LocalDateTime.parse(time, SPACED).toInstant(ZoneOffset.UTC);
    }

    @Override
    String format(Instant at) {
        return SPACED.format(at.atOffset(ZoneOffset.UTC));
    }
}
