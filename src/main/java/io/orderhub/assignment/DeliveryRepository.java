package io.orderhub.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.orderhub.order.OrderDocuments;
import io.orderhub.mongo.RetiredIndexes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Repository;

/**
 * The assignment state in the orders' {@code delivery} blocks (see {@link DeliveryState}). Every write is
 * atomic per document (a batch's writes are one command of many such updates): a lease is taken only where none
 * is live, and a change applies only to the version it was computed from, so instances, customers and operators
 * never overwrite each other.
 */
@Repository
public class DeliveryRepository {

    /**
     * What assignment reads of an order: its delivery block, what the Partner Service matches on and what a
     * delivery event names. Line items, customer and raw deliveries stay in the store: every claim and
     * transition returns the order, and the whole document was most of those answers' bytes.
     */
    private static final Bson ASSIGNMENT_FIELDS = Projections.include("delivery", "platform", "store_uid", "order_number",
            "currency", "totals", "shipping_address", "financial_status", OrderDocuments.PROCESSED_AT);

    /** Searching, or cancelled (with capacity to give back, which the filter checks). */
    private static final List<String> CLAIMABLE_STATUSES = Stream.concat(DeliveryStatus.SEARCHING.stream(),
            Stream.of(DeliveryStatus.CANCELLED)).toList();

    /** The token of the batch that claimed an order (see {@link #claimNewAll}). */
    public static final String CLAIM = "delivery.claim";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> orders;

    public DeliveryRepository(MongoDatabase orderhubDatabase) {
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
        orders.createIndex(Indexes.ascending("delivery.status", "delivery.next_attempt_ms"));
        // Changes are conditional on (_id, delivery.version): served from _id, by a real MongoDB and by the embedded
        // store alike. Earlier versions kept an index of exactly those fields for the embedded store.
        RetiredIndexes.drop(orders, "delivery_version");
    }

    public Optional<Document> find(String orderId) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).projection(ASSIGNMENT_FIELDS).first());
    }

    /** Orders some instance should work on now: searching and due, or cancelled with capacity to give back. */
    public List<DueOrder> due(Instant now, int limit) {
        List<DueOrder> due = new ArrayList<>();
        // No sort: any due orders will do, every poll takes the next ones; a sort would have the embedded store
        // read and order every order in those states first. The status comes along: it says which claim fits.
        orders.find(claimable(now.toEpochMilli())).projection(Projections.include("_id", "delivery.status")).limit(limit)
                .forEach(doc -> due.add(new DueOrder(doc.getString("_id"), DeliveryStatus.PENDING.equals(
                        doc.get("delivery", Document.class).getString("status")))));
        return due;
    }

    /**
     * Takes the lease on a due order unless another instance holds a live one. One conditional update: the
     * filter is the poll's rule, so of two instances only one matches, and nothing is read first.
     */
    public Optional<Document> claim(String orderId, String owner, Instant now, Duration lease) {
        long nowMs = now.toEpochMilli();
        List<Bson> updates = new ArrayList<>();
        addLease(updates, owner, nowMs, lease);
        return update(Filters.and(Filters.eq("_id", orderId), claimable(nowMs)), updates);
    }

    /**
     * Takes the lease on new ({@code pending}) orders and applies {@code start} in the same update, for several orders
     * in two commands: one update of every one still pending and free, marked
     * with a claim token of this call's own, then one read of the orders that carry it (those this call claimed,
     * whatever else claimed the others). The token stays until the attempt's outcome is applied.
     */
    public List<Document> claimNewAll(List<String> orderIds, String owner, Instant now, Duration lease, Transition start) {
        long nowMs = now.toEpochMilli();
        String token = new ObjectId().toHexString();
        List<Bson> updates = transitionUpdates(start, now);
        addLease(updates, owner, nowMs, lease);
        updates.add(Updates.set(CLAIM, token));
        updates.add(Updates.inc("delivery.version", 1));
        Bson mine = Filters.and(Filters.in("_id", orderIds), Filters.eq(CLAIM, token));
        if (orders.updateMany(Filters.and(Filters.in("_id", orderIds), Filters.eq("delivery.status", DeliveryStatus.PENDING),
                leaseFree(nowMs)), Updates.combine(updates)).getModifiedCount() == 0) {
            return List.of();
        }
        return orders.find(mine).projection(ASSIGNMENT_FIELDS).into(new ArrayList<>());
    }

    /** One order's transition, computed from the state a batch claimed. */
    public record Change(DeliveryState from, Transition transition) {
    }

    /**
     * Applies the transitions of orders claimed together ({@link #claimNewAll}), ending their leases, in one command;
     * each applies only to the version it was computed from and only while the order carries the batch's claim
     * token. Returns the ids of those it applied; the caller computes the others again from their stored state.
     */
    public Set<String> applyAll(List<Change> changes, String token, Instant now) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Change change : changes) {
            List<Bson> updates = transitionUpdates(change.transition(), now);
            updates.add(Updates.set("delivery.lease_owner", null));
            updates.add(Updates.set("delivery.lease_until_ms", null));
            updates.add(Updates.unset(CLAIM));
            updates.add(Updates.inc("delivery.version", 1));
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", change.from().orderId()),
                    Filters.eq("delivery.version", change.from().version()), Filters.eq(CLAIM, token)), Updates.combine(updates)));
        }
        Set<String> ids = changes.stream().map(change -> change.from().orderId()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (orders.bulkWrite(writes, UNORDERED).getModifiedCount() == writes.size()) {
            return ids;
        }
        // Some changed meanwhile (a customer's decision, say): what still carries the token was not applied.
        orders.find(Filters.and(Filters.in("_id", ids), Filters.eq(CLAIM, token))).projection(Projections.include("_id"))
                .forEach(doc -> ids.remove(doc.getString("_id")));
        return ids;
    }

    /**
     * Applies a transition to the version it was computed from; empty when the block changed meanwhile.
     * {@code endLease} gives the order back for any instance's next poll.
     */
    public Optional<Document> apply(DeliveryState from, Transition transition, Instant now, boolean endLease) {
        List<Bson> updates = transitionUpdates(transition, now);
        if (endLease) {
            updates.add(Updates.set("delivery.lease_owner", null));
            updates.add(Updates.set("delivery.lease_until_ms", null));
        }
        return update(Filters.and(Filters.eq("_id", from.orderId()), Filters.eq("delivery.version", from.version())), updates);
    }

    private static List<Bson> transitionUpdates(Transition transition, Instant now) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("delivery.status", transition.status()));
        transition.fields().forEach((field, value) -> updates.add(Updates.set("delivery." + field, value)));
        if (transition.isStatusChange()) {
            updates.add(Updates.push("delivery.history", new Document("status", transition.status())
                    .append("at", now.toString()).append("detail", transition.detail())));
        }
        return updates;
    }

    private static void addLease(List<Bson> updates, String owner, long nowMs, Duration lease) {
        updates.add(Updates.set("delivery.lease_owner", owner));
        updates.add(Updates.set("delivery.lease_until_ms", nowMs + lease.toMillis()));
    }

    /** One atomic change where {@code filter} matches; every change increments the version. */
    private Optional<Document> update(Bson filter, List<Bson> updates) {
        updates.add(Updates.inc("delivery.version", 1));
        return Optional.ofNullable(orders.findOneAndUpdate(filter, Updates.combine(updates),
                new FindOneAndUpdateOptions().projection(ASSIGNMENT_FIELDS).returnDocument(ReturnDocument.AFTER)));
    }

    private static Bson claimable(long nowMs) {
        // The status as a condition of its own: the index on delivery.status then narrows the poll to the orders
        // in those states, in the embedded store too (its index serves an $in among the conjunction's conditions).
        return Filters.and(
                Filters.in("delivery.status", CLAIMABLE_STATUSES),
                Filters.or(Filters.in("delivery.status", DeliveryStatus.SEARCHING), Filters.eq("delivery.release_pending", true)),
                Filters.or(Filters.eq("delivery.next_attempt_ms", null), Filters.lte("delivery.next_attempt_ms", nowMs)),
                leaseFree(nowMs));
    }

    private static Bson leaseFree(long nowMs) {
        return Filters.or(Filters.eq("delivery.lease_until_ms", null), Filters.lt("delivery.lease_until_ms", nowMs));
    }
}
