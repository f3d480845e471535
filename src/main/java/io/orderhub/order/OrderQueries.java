package io.orderhub.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.mongodb.client.model.Filters;
import io.orderhub.problem.Problems;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/** The read side of the contract: one order, a filtered page of orders, an order's raw deliveries. */
@Component
public record OrderQueries(OrderRepository repository) {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final List<String> FILTERS = List.of("platform", "store_uid", "platform_order_id", "financial_status",
            "fulfillment_status");

    public String order(String orderId) {
        Document stored = repository.findPublic(orderId)
                .orElseThrow(() -> new Problems.NotFound("No order with id '" + orderId + "'."));
        return asOrder(stored).toJson(JSON);
    }

    /** {@code parameters}: the query's filters ({@link #FILTERS}), {@code limit} and {@code cursor}. */
    public String orders(Function<String, String> parameters) {
        List<Bson> filters = new ArrayList<>();
        for (String name : FILTERS) {
            String value = parameters.apply(name);
            if (value != null && !value.isEmpty()) {
                filters.add(Filters.eq(name, value));
            }
        }
        int limit = limit(parameters.apply("limit"));
        String cursor = parameters.apply("cursor");
        List<Document> page = repository.list(filters.isEmpty() ? new Document() : Filters.and(filters), limit,
                cursor == null || cursor.isEmpty() ? null : cursor);
        List<Document> items = page.stream().map(OrderQueries::asOrder).toList();
        Document body = new Document("items", items);
        body.put("next_cursor", page.size() == limit ? page.get(page.size() - 1).getString("_id") : null);
        return body.toJson(JSON);
    }

    /** Each delivery as received: its headers and its body, as text when it is UTF-8 and base64 otherwise. */
    public String raw(String orderId) {
        List<Document> deliveries = deliveriesOldestFirst(orderId);
        List<Document> items = new ArrayList<>();
        for (Document delivery : deliveries) {
            Document item = new Document();
            delivery.forEach((name, value) -> {
                if (!"body".equals(name)) {
                    item.put(name, value);
                }
            });
            byte[] body = delivery.get("body", Binary.class).getData();
            String text = utf8OrNull(body);
            if (text != null) {
                item.put("body", text);
            } else {
                item.put("body_base64", Base64.getEncoder().encodeToString(body));
            }
            items.add(item);
        }
        return new Document("order_id", orderId).append("items", items).toJson(JSON);
    }

    /** The order's version trail: one entry per delivery, oldest first, with its outcome and what it changed. */
    public String history(String orderId) {
        List<Document> items = new ArrayList<>();
        for (Document delivery : deliveriesOldestFirst(orderId)) {
            items.add(new Document("at", delivery.get("received_at"))
                    .append("outcome", delivery.get("outcome"))
                    .append("event_id", delivery.get("event_id"))
                    .append("topic", delivery.get("topic"))
                    .append("changes", delivery.getList("changes", Document.class, List.of())));
        }
        return new Document("order_id", orderId).append("items", items).toJson(JSON);
    }

    private List<Document> deliveriesOldestFirst(String orderId) {
        List<Document> deliveries = new ArrayList<>(repository.rawDeliveries(orderId)
                .orElseThrow(() -> new Problems.NotFound("No order with id '" + orderId + "'.")));
        // Kept deliveries are appended after the answer, so the array is not always in arrival order.
        deliveries.sort(java.util.Comparator.comparing(d -> java.time.Instant.parse(d.getString("received_at"))));
        return deliveries;
    }

    private static Document asOrder(Document stored) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", stored.get("_id"));
        stored.forEach((name, value) -> {
            if (!"_id".equals(name)) {
                fields.put(name, value);
            }
        });
        return new Document(fields);
    }

    private static int limit(String requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(requested);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new Problems.BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
    }

    private static String utf8OrNull(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
