package io.orderhub.store;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * Conjunctions written as one filter document: every condition's fields side by side at the top level
 * (an implicit AND), and only conditions whose fields clash go into an {@code $and}. The driver's
 * {@code Filters.and} always renders {@code {$and: [...]}}; a store that chooses its index from the filter's
 * top-level fields, as the embedded Mongo-wire server does, then scans the whole collection for what is a
 * lookup by {@code _id} or by the unique order identity. A real MongoDB plans both forms alike.
 */
public final class StoreFilters {

    private StoreFilters() {
    }

    public static Bson allOf(Bson... conditions) {
        BsonDocument merged = new BsonDocument();
        List<BsonValue> clashing = new ArrayList<>();
        for (Bson condition : conditions) {
            BsonDocument fields = condition.toBsonDocument();
            if (fields.keySet().stream().anyMatch(merged::containsKey)) {
                clashing.add(fields);
            } else {
                merged.putAll(fields);
            }
        }
        if (!clashing.isEmpty()) {
            BsonValue nested = merged.remove("$and");
            if (nested != null) {
                clashing.add(new BsonDocument("$and", nested));
            }
            merged.append("$and", new BsonArray(clashing));
        }
        return merged;
    }
}
