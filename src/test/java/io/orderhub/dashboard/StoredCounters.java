package io.orderhub.dashboard;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.orderhub.order.OrderDocuments;
import io.orderhub.support.Fixture;
import org.bson.Document;

/**
 * The dashboard's counters as the store says they should be, counted here from the documents themselves, and
 * ways to change the store behind the dashboard's back as a killed import's lost outbox would leave it.
 */
final class StoredCounters {

    private StoredCounters() {
    }

    /** {@code orders}, {@code by_platform}, {@code by_financial_status}, {@code by_delivery_status}, {@code dead_lettered}. */
    static JsonNode of(MongoDatabase database) throws java.io.IOException {
        Map<String, Long> platforms = new TreeMap<>();
        Map<String, Long> financial = new TreeMap<>();
        Map<String, Long> delivery = new TreeMap<>();
        long orders = 0;
        for (Document order : database.getCollection(OrderDocuments.COLLECTION).find()) {
            orders++;
            platforms.merge(named(order.getString("platform")), 1L, Long::sum);
            financial.merge(named(order.getString("financial_status")), 1L, Long::sum);
            Document block = order.get("delivery", Document.class);
            delivery.merge(named(block == null ? null : block.getString("status")), 1L, Long::sum);
        }
        ObjectNode counters = Fixture.JSON.createObjectNode();
        counters.put("orders", orders);
        counters.set("by_platform", Fixture.JSON.valueToTree(platforms));
        counters.set("by_financial_status", Fixture.JSON.valueToTree(financial));
        counters.set("by_delivery_status", Fixture.JSON.valueToTree(delivery));
        counters.put("dead_lettered", database.getCollection(OrderDocuments.DEAD_LETTERS).countDocuments());
        // Read back as a frame is, so that numbers compare by value and not by Java type.
        return Fixture.JSON.readTree(counters.toString());
    }

    /** The dashboard counts an order without a status under {@code unknown}. */
    private static String named(String status) {
        return status == null ? "unknown" : status;
    }

    /** A snapshot's counters without {@code per_minute}, to compare with {@link #of}. */
    static JsonNode shown(JsonNode snapshot) {
        ObjectNode counters = ((ObjectNode) snapshot.path("counters")).deepCopy();
        counters.remove("per_minute");
        return counters;
    }

    /**
     * What the import stored but never told the dashboard: a copy of a stored order under a later id on another
     * platform, the original's payment refunded, and a dead letter.
     */
    static void changeBehindTheDashboard(MongoDatabase database, String storedOrderId) {
        var orders = database.getCollection(OrderDocuments.COLLECTION);
        Document copy = orders.find(new Document("_id", storedOrderId)).first();
        copy.put("_id", storedOrderId + "z");
        copy.put("platform", "woocommerce");
        copy.put("platform_order_id", copy.get("platform_order_id") + "z");
        copy.put("financial_status", "pending");
        orders.insertOne(copy);
        orders.updateOne(new Document("_id", storedOrderId),
                new Document("$set", new Document("financial_status", "refunded")));
        database.getCollection(OrderDocuments.DEAD_LETTERS).insertOne(new Document("_id", "dl_lost_" + storedOrderId)
                .append("reason", "written behind the dashboard's back"));
    }
}
