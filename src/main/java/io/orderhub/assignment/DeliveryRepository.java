package io.orderhub.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.orderhub.order.OrderDocuments;
import io.orderhub.store.RetiredIndexes;
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

    /** Searching, or cancelled (with capacity to give back, which the filter checks). */
    private static final List<String> CLAIMABLE_STATUSES = Stream.concat(DeliveryStatus.SEARCHING.stream(),
            Stream.of(DeliveryStatus.CANCELLED)).toList();

    private final MongoCollection<Document> orders;

    public DeliveryRepository(MongoDatabase orderhubDatabase) {
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
        orders.createIndex(Indexes.ascending("delivery.status", "delivery.next_attempt_ms"));
        // Changes are conditional on (_id, delivery.version): served from _id, by a real MongoDB and by the embedded
        // store alike. Earlier versions kept an index of exactly those fields for the embedded store.
        RetiredIndexes.drop(orders, "delivery_version");
    }

    public Optional<Document> find(String orderId) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).projection(WITHOUT_INTERNALS).first());
    }

    /** Orders some instance should work on now: searching and due, or cancelled with capacity to give back. */
    public List<String> due(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        // No sort: any due orders will do, every poll takes the next ones; a sort would have the embedded store
        // read and order every order in those states first.
        orders.find(claimable(now.toEpochMilli())).projection(Projections.include("_id")).limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    /**
     * Takes the lease on a due order unless another instance holds a live one: read, check, then a change
     * conditional on the version read (which the lease increments), so of two instances only one wins.
     */
    public Optional<Document> claim(String orderId, String owner, Instant now, Duration lease) {
        long nowMs = now.toEpochMilli();
        Document current = orders.find(Filters.eq("_id", orderId)).projection(Projections.include("delivery")).first();
        Document delivery = current == null ? null : current.get("delivery", Document.class);
        if (delivery == null || !isClaimable(delivery, nowMs)) {
            return Optional.empty();
        }
        return Optional.ofNullable(orders.findOneAndUpdate(
                Filters.and(Filters.eq("_id", orderId), Filters.eq("delivery.version", delivery.get("version"))),
                Updates.combine(Updates.set("delivery.lease_owner", owner),
                        Updates.set("delivery.lease_until_ms", nowMs + lease.toMillis()),
                        Updates.inc("delivery.version", 1)),
                new FindOneAndUpdateOptions().projection(WITHOUT_INTERNALS).returnDocument(ReturnDocument.AFTER)));
    }

    /** The same rule as {@link #claimable}, on a delivery block already read. */
    private static boolean isClaimable(Document delivery, long nowMs) {
        String status = delivery.getString("status");
        boolean wanted = DeliveryStatus.isSearching(status)
                || (DeliveryStatus.CANCELLED.equals(status) && Boolean.TRUE.equals(delivery.getBoolean("release_pending")));
        Number next = delivery.get("next_attempt_ms", Number.class);
        Number leaseUntil = delivery.get("lease_until_ms", Number.class);
        return wanted && (next == null || next.longValue() <= nowMs) && (leaseUntil == null || leaseUntil.longValue() < nowMs);
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
        // The status as a condition of its own: the index on delivery.status then narrows the poll to the orders
        // in those states, in the embedded store too (its index serves an $in among the conjunction's conditions).
        return Filters.and(
                Filters.in("delivery.status", CLAIMABLE_STATUSES),
                Filters.or(Filters.in("delivery.status", DeliveryStatus.SEARCHING), Filters.eq("delivery.release_pending", true)),
                Filters.or(Filters.eq("delivery.next_attempt_ms", null), Filters.lte("delivery.next_attempt_ms", nowMs)),
                Filters.or(Filters.eq("delivery.lease_until_ms", null), Filters.lt("delivery.lease_until_ms", nowMs)));
    }
}
