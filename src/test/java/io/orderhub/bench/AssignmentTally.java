package io.orderhub.bench;

import java.util.Map;
import java.util.TreeMap;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;
import io.orderhub.order.OrderDocuments;
import io.orderhub.mongo.IdPages;
import org.bson.Document;

/**
 * The stored orders by delivery status after a run: whether assignment, which runs after each answer on the
 * same cores, kept up with the imports it measured, or left a backlog the import rate does not show.
 */
final class AssignmentTally {

    private AssignmentTally() {
    }

    /** Orders by {@code delivery.status}; empty when the store cannot be read. */
    static Map<String, Long> byStatus(String storeUri) {
        // Paged by _id with a projection, as the exactly-once check reads: an aggregation's $group would have the
        // embedded store hold every whole document at once (it ran the hub out of heap).
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            Map<String, Long> statuses = new TreeMap<>();
            IdPages.forEach(mongo.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION),
                    Projections.include("delivery.status"), 5_000, order -> statuses.merge(
                            String.valueOf(order.get("delivery", Document.class).getString("status")), 1L, Long::sum));
            return statuses;
        } catch (MongoException e) {
            return Map.of();
        }
    }

    /** E.g. "assigned 31,950, assigning 447". */
    static String describe(Map<String, Long> statuses) {
        if (statuses.isEmpty()) {
            return "not read";
        }
        StringBuilder out = new StringBuilder();
        statuses.forEach((status, orders) -> out.append(out.isEmpty() ? "" : ", ").append(status).append(' ')
                .append(String.format("%,d", orders)));
        return out.toString();
    }
}
