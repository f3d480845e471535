package io.orderhub.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.orderhub.order.OrderDocuments;
import io.orderhub.mongo.IdPages;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The stored orders by delivery status after a run: whether assignment, which runs after each answer on the
 * same cores, kept up with the imports it measured, or left a backlog the import rate does not show; and, from
 * each order's delivery history, how long after its import an assigned order was assigned (issue 19's end-to-end
 * goal: 99 % within 5 s).
 *
 * @param statuses    orders by {@code delivery.status}; empty when the store could not be read
 * @param orders      orders read
 * @param within5s    orders assigned within 5 s of their import
 * @param lagMillis   import to assignment, of the assigned orders, in milliseconds
 */
record AssignmentTally(Map<String, Long> statuses, long orders, long within5s, Histogram lagMillis) {

    private static final long GOAL_MILLIS = 5_000;

    /** Reads every order's delivery status and history; nothing when the store cannot be read. */
    static AssignmentTally read(String storeUri) {
        Map<String, Long> statuses = new TreeMap<>();
        Histogram lags = new Histogram(3_600_000L, 3);
        long[] counts = new long[2];
        // Paged by _id with a projection, as the exactly-once check reads: an aggregation's $group would have the
        // embedded store hold every whole document at once (it ran the hub out of heap).
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            IdPages.forEach(mongo.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION),
                    Projections.include("delivery.status", "delivery.history"), 5_000, order -> {
                        Document delivery = order.get("delivery", Document.class);
                        statuses.merge(String.valueOf(delivery.getString("status")), 1L, Long::sum);
                        counts[0]++;
                        Long lag = lag(delivery.getList("history", Document.class));
                        if (lag != null) {
                            lags.recordValue(Math.min(Math.max(0, lag), lags.getHighestTrackableValue()));
                            counts[1] += lag <= GOAL_MILLIS ? 1 : 0;
                        }
                    });
            return new AssignmentTally(statuses, counts[0], counts[1], lags);
        } catch (MongoException e) {
            return new AssignmentTally(Map.of(), 0, 0, lags);
        }
    }

    /** The orders waiting for their first attempt ({@code pending}), counted by the store; -1 when it cannot be read. */
    static long pending(String storeUri) {
        return count(storeUri, OrderDocuments.COLLECTION, Filters.eq("delivery.status", "pending"));
    }

    /** The documents of a collection the filter matches; -1 when the store cannot be read. */
    static long count(String storeUri, String collection, Bson filter) {
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            // Read and counted here: the driver's countDocuments is an aggregation the embedded store does not answer.
            long[] matching = new long[1];
            mongo.getDatabase("orderhub").getCollection(collection).find(filter).projection(Projections.include("_id"))
                    .forEach(doc -> matching[0]++);
            return matching[0];
        } catch (MongoException e) {
            return -1;
        }
    }

    /** From the first history entry (the import) to the first {@code assigned} one; null when never assigned. */
    private static Long lag(List<Document> history) {
        if (history == null || history.isEmpty()) {
            return null;
        }
        Instant imported = Instant.parse(history.get(0).getString("at"));
        return history.stream().filter(entry -> "assigned".equals(entry.getString("status"))).findFirst()
                .map(entry -> Duration.between(imported, Instant.parse(entry.getString("at"))).toMillis()).orElse(null);
    }

    /** E.g. "assigned 31,950, assigning 447". */
    String describe() {
        if (statuses.isEmpty()) {
            return "not read";
        }
        StringBuilder out = new StringBuilder();
        statuses.forEach((status, count) -> out.append(out.isEmpty() ? "" : ", ").append(status).append(' ')
                .append(String.format("%,d", count)));
        return out.toString();
    }

    /** E.g. "12.3 % of 30,000 orders; of the assigned, import to assignment p50 / p99 0.4 / 2.1 s". */
    String describeLag() {
        if (orders == 0) {
            return "not read";
        }
        return String.format("%.1f %% of %,d orders; of the %,d assigned, import to assignment p50 / p99 %.1f / %.1f s",
                share(), orders, lagMillis.getTotalCount(), lagMillis.getValueAtPercentile(50) / 1000.0,
                lagMillis.getValueAtPercentile(99) / 1000.0);
    }

    double share() {
        return orders == 0 ? 0 : 100.0 * within5s / orders;
    }
}
