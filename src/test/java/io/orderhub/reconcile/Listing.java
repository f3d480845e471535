package io.orderhub.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One platform's order listing as {@link OrdersApiDouble} serves it: which request it is, what it asks (its filter,
 * offset or cursor), the orders in the platform's shape, and the page as the platform's documentation shows it. The
 * double does the filtering, sorting and cutting; a listing only reads and writes its platform's shapes.
 */
interface Listing {

    String platform();

    /** The fixture store reconciled in the tests. */
    String storeUid();

    /** The store's api block beyond enabled, base-url and page-size: its credentials. */
    Map<String, String> apiBlock();

    /** Whether a request is this listing. */
    boolean lists(Request request);

    /** The header (or body part) carrying the credentials, as the API receives it. */
    String credential(Request request);

    /** What the request asks for. */
    Query query(Request request);

    /** A listed order built from the platform's fixture: id number {@code n}, changed at {@code updated}. */
    JsonNode order(long n, Instant updated);

    Instant updatedAt(JsonNode order);

    String id(JsonNode order);

    /** The id under which the hub stores the order ({@code platform_order_id}). */
    default String storedId(JsonNode order) {
        return id(order);
    }

    /** A copy of the order changed at {@code at}. */
    JsonNode changedAt(JsonNode order, Instant at);

    /** The answer to a listing request. */
    Answer page(Request request, Query query, Slice slice);

    /** What a thin platform's route hydrates the order from, by path; none for platforms that list whole orders. */
    default Map<String, JsonNode> resources(JsonNode order) {
        return Map.of();
    }

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body,
            String baseUrl) {
    }

    /**
     * @param from      the update time asked from, inclusive unless {@code after}
     * @param cursor    a cursor the double issued (then from and to come from it); null for none
     */
    record Query(Instant from, boolean after, Instant to, int offset, String cursor, int limit) {

        static Query window(Instant from, Instant to, int offset, int limit) {
            return new Query(from, false, to, offset, null, limit);
        }
    }

    /** The orders of one page, the cursor to the next (null after the last) and how many match in all. */
    record Slice(List<JsonNode> orders, String nextCursor, int total) {
    }

    record Answer(int status, Map<String, String> headers, JsonNode body) {

        static Answer ok(JsonNode body) {
            return new Answer(200, Map.of(), body);
        }
    }
}
