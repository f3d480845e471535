package io.orderhub.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The conditions a query puts on single fields that every match must meet: its top-level fields and those of
 * its top-level {@code $and}, however nested ({@code Filters.and} renders one). An index of the embedded store
 * that can narrow the search on some of them may serve the query: the server applies the whole query to what
 * the index returns, so the other conditions ({@code $or}, ranges) still hold. With this the store chooses an
 * index as a real MongoDB would for these filters, rather than only for a filter of exactly the index's fields.
 */
final class Conjunction {

    private Conjunction() {
    }

    /** Field to condition; a field named twice keeps its first condition (either narrows the search). */
    static Map<String, Object> fieldConditions(Document query) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        collect(query, conditions);
        return conditions;
    }

    private static void collect(Document query, Map<String, Object> conditions) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document nested) {
                        collect(nested, conditions);
                    }
                }
            } else if (!entry.getKey().startsWith("$")) {
                conditions.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
    }
}
