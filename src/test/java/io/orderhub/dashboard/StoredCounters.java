package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.orderhub.order.OrderDocuments;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Fixture;
import io.orderhub.support.Poll;
import org.bson.Document;

/**
 * The dashboard's counters as the store says they should be, counted here from the documents themselves, and
 * ways to change the store behind the dashboard's back as a killed import's lost outbox would leave it.
 */
public final class StoredCounters {

    private StoredCounters() {
    }

    /** {@code orders}, {@code by_platform}, {@code by_financial_status}, {@code by_delivery_status}, {@code dead_lettered}. */
    public static JsonNode of(MongoDatabase database) {
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
        try {
            return Fixture.JSON.readTree(counters.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The dashboard counts an order without a status under {@code unknown}. */
    private static String named(String status) {
        return status == null ? "unknown" : status;
    }

    /** A snapshot's counters without {@code per_minute}, to compare with {@link #of}. */
    public static JsonNode shown(JsonNode snapshot) {
        ObjectNode counters = ((ObjectNode) snapshot.path("counters")).deepCopy();
        counters.remove("per_minute");
        return counters;
    }

    /**
     * Waits until a client that connects now is shown exactly the store's counters. Both are read anew each
     * time: the assignment keeps changing delivery statuses in the store for a while after an import.
     */
    static void awaitShownAsStored(MongoDatabase database, int websocketPort, Duration wait) {
        List<JsonNode> last = Poll.until(wait, () -> {
            try (DashboardSocket client = DashboardSocket.connect(websocketPort, "test-dashboard-token")) {
                return List.of(shown(client.next(wait)), of(database));
            }
        }, pair -> pair.get(0).equals(pair.get(1)));
        assertThat(last.get(0)).isEqualTo(last.get(1));
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
        // Without a delivery block the assignment leaves the copy alone (the dashboard counts it as unknown).
        copy.remove("delivery");
        orders.insertOne(copy);
        orders.updateOne(new Document("_id", storedOrderId),
                new Document("$set", new Document("financial_status", "refunded")));
        database.getCollection(OrderDocuments.DEAD_LETTERS).insertOne(new Document("_id", "dl_lost_" + storedOrderId)
                .append("reason", "written behind the dashboard's back"));
    }
}
