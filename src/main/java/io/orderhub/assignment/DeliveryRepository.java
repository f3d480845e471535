package io.orderhub.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.orderhub.order.OrderDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * The assignment state in the orders' {@code delivery} blocks (see {@link DeliveryState}). Every write is
 * one atomic single-document update: a lease is taken only where none is live, and a change applies only to
 * the version it was computed from, so instances, customers and operators never overwrite each other.
 */
@Repository
public class DeliveryRepository {

    private static final Bson WITHOUT_INTERNALS = Projections.exclude(OrderDocuments.DELIVERIES, OrderDocuments.DIGEST,
            OrderDocuments.UPDATED_MS);

    private final MongoCollection<Document> orders;

    public DeliveryRepository(MongoDatabase orderhubDatabase) {
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
        orders.createIndex(Indexes.ascending("delivery.status", "delivery.next_attempt_ms"));
    }

    public Optional<Document> find(String orderId) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).projection(WITHOUT_INTERNALS).first());
    }

    /** Orders some instance should work on now: searching and due, or cancelled with capacity to give back. */
    public List<String> due(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        orders.find(claimable(now.toEpochMilli())).projection(Projections.include("_id"))
                .sort(Sorts.ascending("delivery.next_attempt_ms")).limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    /** Takes the lease on a due order unless another instance holds a live one. */
    public Optional<Document> claim(String orderId, String owner, Instant now, Duration lease) {
        long nowMs = now.toEpochMilli();
        return Optional.ofNullable(orders.findOneAndUpdate(Filters.and(Filters.eq("_id", orderId), claimable(nowMs)),
                Updates.combine(Updates.set("delivery.lease_owner", owner),
                        Updates.set("delivery.lease_until_ms", nowMs + lease.toMillis())),
                new FindOneAndUpdateOptions().projection(WITHOUT_INTERNALS).returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Applies a transition to the version it was computed from; empty when the block changed meanwhile.
     * {@code endLease} gives the order back for any instance's next poll.
     */
    public Optional<Document> apply(DeliveryState from, Transition transition, Instant now, boolean endLease) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("delivery.status", transition.status()));
        transition.fields().forEach((field, value) -> updates.add(Updates.set("delivery." + field, value)));
        if (transition.isStatusChange()) {
            updates.add(Updates.push("delivery.history", new Document("status", transition.status())
                    .append("at", now.toString()).append("detail", transition.detail())));
        }
        if (endLease) {
            updates.add(Updates.set("delivery.lease_owner", null));
            updates.add(Updates.set("delivery.lease_until_ms", null));
        }
        updates.add(Updates.inc("delivery.version", 1));
        return Optional.ofNullable(orders.findOneAndUpdate(
                Filters.and(Filters.eq("_id", from.orderId()), Filters.eq("delivery.version", from.version())),
                Updates.combine(updates),
                new FindOneAndUpdateOptions().projection(WITHOUT_INTERNALS).returnDocument(ReturnDocument.AFTER)));
    }

    private static Bson claimable(long nowMs) {
        return Filters.and(
                Filters.or(Filters.in("delivery.status", DeliveryStatus.SEARCHING),
                        Filters.and(Filters.eq("delivery.status", DeliveryStatus.CANCELLED),
                                Filters.eq("delivery.release_pending", true))),
                Filters.or(Filters.eq("delivery.next_attempt_ms", null), Filters.lte("delivery.next_attempt_ms", nowMs)),
                Filters.or(Filters.eq("delivery.lease_until_ms", null), Filters.lt("delivery.lease_until_ms", nowMs)));
    }
}
