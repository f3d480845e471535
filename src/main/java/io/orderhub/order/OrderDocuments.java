package io.orderhub.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How a universal order is laid out in the {@code orders} collection: the universal fields as they are
 * (money stays a decimal string, never a double), the hub's {@code _id}, the delivery block, and internal
 * fields prefixed with an underscore that readers never see: the content digest, {@code updated_at} in
 * epoch milliseconds for version comparisons, and every raw delivery.
 */
public final class OrderDocuments {

    public static final String COLLECTION = "orders";
    public static final String DEAD_LETTERS = "dead_letters";
    /** The digest of the order's content: the same digest is a duplicate; an update is conditional on the one it replaces. */
    public static final String DIGEST = "_digest";
    /** {@code updated_at} in epoch milliseconds, so a version comparison is one indexed number. */
    public static final String UPDATED_MS = "_updated_ms";
    /** Every raw delivery of the order, oldest first ({@code GET /orders/{id}/raw}). */
    public static final String DELIVERIES = "_deliveries";
    public static final String PROCESSED_AT = "processed_at";

    /** Headers never kept with a raw delivery: they carry credentials. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-orderhub-webhook-secret", "authorization", "cookie",
            "x-auth-token", "proxy-authorization");

    private OrderDocuments() {
    }

    public static Document newOrder(String orderId, Instant processedAt, PreparedOrder prepared) {
        Document doc = new Document("_id", orderId);
        doc.putAll(universalFields(prepared.order()));
        doc.put(PROCESSED_AT, processedAt.toString());
        doc.put("delivery", pendingDelivery(processedAt));
        doc.put(DIGEST, prepared.digest());
        doc.put(UPDATED_MS, prepared.updatedAtMillis());
        List<Document> deliveries = new ArrayList<>(1);
        deliveries.add(rawDelivery(prepared, "created"));
        doc.put(DELIVERIES, deliveries);
        return doc;
    }

    /**
     * The universal fields of a mapped order, without the hub's id (kept as {@code _id}). Converted node by
     * node rather than through JSON text: the same values {@code Document.parse} would give (int, long,
     * double, string, boolean, null), without printing and parsing the order once more per import.
     */
    public static Document universalFields(ObjectNode order) {
        Document fields = new Document();
        order.fields().forEachRemaining(field -> {
            if (!"id".equals(field.getKey())) {
                fields.put(field.getKey(), bsonValue(field.getValue()));
            }
        });
        return fields;
    }

    private static Object bsonValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Document doc = new Document();
                node.fields().forEachRemaining(field -> doc.put(field.getKey(), bsonValue(field.getValue())));
                yield doc;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(bsonValue(element)));
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? (node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue())
                    : (Object) node.doubleValue();
            case NULL, MISSING -> null;
            default -> node.asText();
        };
    }

    public static Document rawDelivery(PreparedOrder prepared, String outcome) {
        InboundDelivery delivery = prepared.delivery();
        ObjectNode source = (ObjectNode) prepared.order().get("source");
        Document raw = new Document("received_at", delivery.receivedAt().toString());
        raw.put("outcome", outcome);
        raw.put("topic", source == null ? null : textOrNull(source.get("topic")));
        raw.put("event_id", source == null ? null : textOrNull(source.get("event_id")));
        raw.put("content_type", delivery.contentType());
        raw.put("headers", keptHeaders(delivery.headers()));
        raw.put("body", new Binary(delivery.rawBody()));
        return raw;
    }

    public static Document deadLetter(String id, String platform, String storeUid, String reason, InboundDelivery delivery) {
        Document doc = new Document("_id", id);
        doc.put("platform", platform);
        doc.put("store_uid", storeUid);
        doc.put("reason", reason);
        doc.put("received_at", delivery.receivedAt().toString());
        doc.put("content_type", delivery.contentType());
        doc.put("headers", keptHeaders(delivery.headers()));
        doc.put("body", new Binary(delivery.rawBody()));
        doc.put("replayed", false);
        return doc;
    }

    static Map<String, Object> keptHeaders(Map<String, String> headers) {
        Map<String, Object> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!SECRET_HEADERS.contains(name)) {
                kept.put(name, value);
            }
        });
        return new Document(kept);
    }

    private static Document pendingDelivery(Instant at) {
        Document delivery = new Document("status", "pending");
        delivery.put("partner_id", null);
        delivery.put("assigned_at", null);
        delivery.put("needs_review", false);
        delivery.put("choice_offered", null);
        delivery.put("history", List.of(new Document("status", "pending").append("at", at.toString())
                .append("detail", "Waiting for a delivery partner")));
        return delivery;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
