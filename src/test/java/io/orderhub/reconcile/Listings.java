package io.orderhub.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/** The nine platforms' order listings, each as its documentation shows it, for {@link OrdersApiDouble}. */
final class Listings {

    private static final List<Listing> ALL = List.of(new Shopify(), new WooCommerce(), new BigCommerce(), new Ecwid(),
            new Magento(), new Squarespace(), new Wix(), new PrestaShop(), new Etsy());
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Listings() {
    }

    static List<Listing> all() {
        return ALL;
    }

    static Listing of(String platform) {
        return ALL.stream().filter(l -> l.platform().equals(platform)).findFirst().orElseThrow();
    }

    /** A listing whose update time sits in one field and whose id in another: what most of them share. */
    private abstract static class Fields implements Listing {
        private final String platform;
        private final String storeUid;
        private final String idField;
        protected final String updatedField;
        protected final String listingPath;

        /** @param listingPath the listing's path (a listing that is recognised otherwise overrides {@link #lists}) */
        Fields(String platform, String storeUid, String listingPath, String idField, String updatedField) {
            this.platform = platform;
            this.storeUid = storeUid;
            this.listingPath = listingPath;
            this.idField = idField;
            this.updatedField = updatedField;
        }

        @Override
        public boolean lists(Request request) {
            return request.path().equals(listingPath);
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public String toString() {
            return platform;
        }

        @Override
        public String storeUid() {
            return storeUid;
        }

        @Override
        public Map<String, String> apiBlock() {
            return Map.of();
        }

        @Override
        public String id(JsonNode order) {
            return order.path(idField).asText();
        }

        @Override
        public Instant updatedAt(JsonNode order) {
            return parse(order.path(updatedField).asText());
        }

        @Override
        public JsonNode changedAt(JsonNode order, Instant at) {
            ObjectNode copy = order.deepCopy();
            copy.put(updatedField, format(at));
            return copy;
        }

        @Override
        public String credential(Request request) {
            return request.headers().get("Authorization");
        }

        abstract Instant parse(String time);

        abstract String format(Instant at);

        /** The fixture order (its api response at {@code path}, or its body) with id {@code id} changed at {@code at}. */
        ObjectNode fixtureOrder(JsonNode fixtureOrder, Object id, Instant at) {
            ObjectNode order = fixtureOrder.deepCopy();
            if (id instanceof Long number) {
                order.put(idField, number);
            } else {
                order.put(idField, id.toString());
            }
            order.put(updatedField, format(at));
            return order;
        }
    }

    /** A listing asked with UNIX seconds from and to, an {@code offset} and a {@code limit}. */
    private abstract static class EpochFields extends Fields {
        private final String fromParam;
        private final String toParam;

        EpochFields(String platform, String storeUid, String listingPath, String idField, String updatedField,
                String fromParam, String toParam) {
            super(platform, storeUid, listingPath, idField, updatedField);
            this.fromParam = fromParam;
            this.toParam = toParam;
        }

        @Override
        public Query query(Request request) {
            Map<String, String> q = request.query();
            return Query.window(epoch(q, fromParam), epoch(q, toParam), Integer.parseInt(q.get("offset")),
                    Integer.parseInt(q.get("limit")));
        }

        @Override
        public Instant updatedAt(JsonNode order) {
            return Instant.ofEpochSecond(order.path(updatedField).asLong());
        }

        @Override
        public JsonNode changedAt(JsonNode order, Instant at) {
            return ((ObjectNode) order.deepCopy()).put(updatedField, at.getEpochSecond());
        }

        @Override
        ObjectNode fixtureOrder(JsonNode fixtureOrder, Object id, Instant at) {
            return super.fixtureOrder(fixtureOrder, id, at).put(updatedField, at.getEpochSecond());
        }

        @Override
        Instant parse(String time) {
            return Instant.ofEpochSecond(Long.parseLong(time));
        }

        @Override
        String format(Instant at) {
            return String.valueOf(at.getEpochSecond());
        }

        static Instant epoch(Map<String, String> query, String name) {
            return Instant.ofEpochSecond(Long.parseLong(query.get(name)));
        }
    }

    private static final class Shopify extends Fields {
        Shopify() {
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

    private static final class WooCommerce extends Fields {
        WooCommerce() {
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

    private static final class BigCommerce extends Fields {
        private static final String ORDERS = "/stores/" + ReconcileFixtures.BIGCOMMERCE_STORE + "/v2/orders";

        BigCommerce() {
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

    private static final class Ecwid extends EpochFields {
        private static final String ORDERS = "/api/v3/1003/orders";

        Ecwid() {
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

    private static final class Magento extends Fields {
        Magento() {
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

    private static final class Squarespace extends Fields {
        private static final String ORDERS = "/1.0/commerce/orders";
        /** Squarespace cuts 50 orders a page; the double cuts 2, so a test sees several. */
        private static final int PAGE = 2;

        Squarespace() {
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

    private static final class Wix extends Fields {
        Wix() {
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

    private static final class PrestaShop extends Fields {
        private static final String FIXTURE = "p01_order_validated_hydrated";
        private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

        PrestaShop() {
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

    private static final class Etsy extends EpochFields {
        private static final String RECEIPTS = "/v3/application/shops/41523867/receipts";

        Etsy() {
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

    private static ArrayNode array(Listing.Slice slice) {
        return Fixture.JSON.valueToTree(slice.orders());
    }

    private static JsonNode body(String fixture) {
        return read(Fixture.named(fixture).last().rawBody());
    }

    private static JsonNode response(String fixture, String path) {
        return Fixture.named(fixture).apiResponses().get(path);
    }

    private static JsonNode read(String json) {
        try {
            return Fixture.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
