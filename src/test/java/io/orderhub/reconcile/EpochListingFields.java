package io.orderhub.reconcile;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A listing asked with UNIX seconds from and to, an {@code offset} and a {@code limit}. */
abstract class EpochListingFields extends ListingFields {
    private final String fromParam;
    private final String toParam;

    EpochListingFields(String platform, String storeUid, String listingPath, String idField, String updatedField,
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
