package io.orderhub.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.orderhub.support.Fixture;

/** PrestaShop's Webservice orders listing, in the shape its documentation shows. */
final class PrestaShopListing extends ListingFields {
    private static final String FIXTURE = "p01_order_validated_hydrated";
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    PrestaShopListing() {
        super("prestashop", "boutique.prestashop-demo.example", "/api/orders", "id", "date_upd");
    }

    /** {@code filter[date_upd]=[from,to]} in the shop's zone, {@code limit=offset,n}. */
    @Override
    public Query query(Request request) {
        Map<String, String> q = request.query();
        String[] window = q.get("filter[date_upd]").replaceAll("[\\[\\]]", "").split(",");
        String[] limit = q.get("limit").split(",");
        return Query.window(parse(window[0]), parse(window[1]), Integer.parseInt(limit[0]), Integer.parseInt(limit[1]));
    }

    /** The whole order; the listing shows only {@code display=[id,date_upd]} of it. */
    @Override
    public JsonNode order(long n, Instant updated) {
        return fixtureOrder(response(FIXTURE, "/api/orders/41").path("order"), 4000 + n, updated)
                .put("reference", "RECON" + n);
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        if (slice.orders().isEmpty()) {
            // The Webservice answers an empty list as an empty JSON array, not as {"orders":[]}.
            return Answer.ok(Fixture.JSON.createArrayNode());
        }
        ArrayNode listed = Fixture.JSON.createArrayNode();
        slice.orders().forEach(order -> listed.addObject().put("id", order.path("id").asLong())
                .put("date_upd", order.path("date_upd").asText()));
        return Answer.ok(Fixture.JSON.createObjectNode().set("orders", listed));
    }

    @Override
    public Map<String, JsonNode> resources(JsonNode order) {
        return Map.of("/api/orders/" + id(order), Fixture.JSON.createObjectNode().set("order", order));
    }

    @Override
    Instant parse(String time) {
        return LocalDateTime.parse(time, SPACED).atZone(SHOP_ZONE).toInstant();
    }

    @Override
    String format(Instant at) {
        return SPACED.format(at.atZone(SHOP_ZONE));
    }
}
