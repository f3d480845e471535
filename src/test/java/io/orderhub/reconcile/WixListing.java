package io.orderhub.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** Wix's eCommerce order search listing, in the shape its documentation shows. */
final class WixListing extends ListingFields {
    WixListing() {
        super("wix", "a1b2c3d4-0000-4e5f-8a9b-000000000001", "/ecom/v1/orders/search", "id", "updatedDate");
    }

    @Override
    public Map<String, String> apiBlock() {
        return Map.of("access-token", "wix_api_key_IST.reconcile");
    }

    @Override
    public boolean lists(Request request) {
        return request.method().equals("POST") && request.path().equals(listingPath);
    }

    @Override
    public Query query(Request request) {
        JsonNode search = request.body().path("search");
        int limit = search.path("cursorPaging").path("limit").asInt();
        if (search.path("cursorPaging").hasNonNull("cursor")) {
            return new Query(null, false, null, 0, search.path("cursorPaging").path("cursor").asText(), limit);
        }
        JsonNode updated = search.path("filter").path("updatedDate");
        return Query.window(parse(updated.path("$gte").asText()), parse(updated.path("$lte").asText()), 0, limit);
    }

    /** The order of the fixture's order_approved event. */
    @Override
    public JsonNode order(long n, Instant updated) {
        ObjectNode order = fixtureOrder(wixFixtureOrder(), "e994ac9d-26b0-4f81-8047-%012d".formatted(n), updated);
        return order.put("number", String.valueOf(20000 + n));
    }

    @Override
    public Answer page(Request request, Query query, Slice slice) {
        ObjectNode body = Fixture.JSON.createObjectNode();
        body.set("orders", array(slice));
        ObjectNode metadata = body.putObject("metadata").put("count", slice.orders().size())
                .put("hasNext", slice.nextCursor() != null);
        metadata.putObject("cursors").put("next", slice.nextCursor());
        return Answer.ok(body);
    }

    @Override
    Instant parse(String time) {
        return Instant.parse(time);
    }

    @Override
    String format(Instant at) {
        return at.toString();
    }

    private static JsonNode wixFixtureOrder() {
        String jwt = Fixture.named("x01_order_approved_paid").last().rawBody();
        JsonNode claims = read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        JsonNode envelope = read(claims.path("data").asText());
        return read(envelope.path("data").asText()).at("/actionEvent/body/order");
    }
}
