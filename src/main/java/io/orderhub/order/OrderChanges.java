package io.orderhub.order;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * What changed between two versions of an order, field by field ({@code totals.total: 10.00 → 12.00}),
 * for the order's history. Identity, source and delivery are not versions of the order and are left out.
 */
public final class OrderChanges {

    private static final Set<String> NOT_COMPARED = Set.of("id", "_id", "source", "delivery", "processed_at");
    private static final int MAX_CHANGES = 100;

    private OrderChanges() {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** From a stored order document to a freshly mapped version of it. */
    public static List<Document> between(Document stored, JsonNode after) {
        // Only the compared fields go through JSON: the internal ones (raw deliveries above all) are the bulk.
        Document compared = new Document();
        stored.forEach((name, value) -> {
            if (compared(name)) {
                compared.put(name, value);
            }
        });
        try {
            return between(JSON.readTree(compared.toJson(RELAXED)), after);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored order is not readable as JSON", e);
        }
    }

    public static List<Document> between(JsonNode before, JsonNode after) {
        List<Document> changes = new ArrayList<>();
        collect("", before, after, changes);
        return changes.size() > MAX_CHANGES ? changes.subList(0, MAX_CHANGES) : changes;
    }

    private static void collect(String path, JsonNode before, JsonNode after, List<Document> changes) {
        if (changes.size() > MAX_CHANGES) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (path.isEmpty() && !compared(name)) {
                    continue;
                }
                collect(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), changes);
            }
            return;
        }
        if (before != null && after != null && before.isArray() && after.isArray() && before.size() == after.size()) {
            Iterator<JsonNode> b = before.elements();
            Iterator<JsonNode> a = after.elements();
            for (int i = 0; b.hasNext(); i++) {
                collect(path + "." + i, b.next(), a.next(), changes);
            }
            return;
        }
        if (!same(before, after)) {
            changes.add(new Document("path", path).append("from", plain(before)).append("to", plain(after)));
        }
    }

    private static boolean compared(String topLevelField) {
        return !NOT_COMPARED.contains(topLevelField) && !topLevelField.startsWith("_");
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) {
            return aMissing && bMissing;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.toString();
    }
}
