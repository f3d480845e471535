package io.orderhub.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.orderhub.mongo.RetiredIndexes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * Reads and conditional updates of stored orders through the official driver. New orders are inserted by
 * the group commit ({@link OrderStoreConfiguration}); the unique index created here is what makes that
 * insert refuse a second order for one idempotency key, whatever the cache said.
 */
@Repository
public class OrderRepository {

    private static final Bson PUBLIC_FIELDS = Projections.exclude(OrderDocuments.DIGEST, OrderDocuments.UPDATED_MS,
            OrderDocuments.DELIVERIES);

    /** Everything a version is compared with: all but the raw deliveries, which only grow the answer. */
    private static final Bson VERSION_FIELDS = Projections.exclude(OrderDocuments.DELIVERIES);

    private final MongoCollection<Document> orders;

    public OrderRepository(MongoDatabase orderhubDatabase) {
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
        ensureIndexes();
    }

    /** The collection, for the group commit of new orders. */
    MongoCollection<Document> collection() {
        return orders;
    }

    private void ensureIndexes() {
        orders.createIndex(Indexes.ascending("platform", "store_uid", "platform_order_id"),
                new IndexOptions().unique(true).name("order_identity"));
        // Updates are conditional on (_id, _digest): served from _id, by a real MongoDB and by the embedded store
        // alike. Earlier versions kept an index of exactly those fields for the embedded store.
        RetiredIndexes.drop(orders, "order_digest");
    }

    /** The stored order for an idempotency key's parts, internal fields included but its raw deliveries. */
    public Optional<Document> findByIdentity(ObjectNode order) {
        return Optional.ofNullable(orders.find(identity(order)).projection(VERSION_FIELDS).first());
    }

    public Optional<Document> findPublic(String orderId) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).projection(PUBLIC_FIELDS).first());
    }

    public Optional<List<Document>> rawDeliveries(String orderId) {
        Document doc = orders.find(Filters.eq("_id", orderId)).projection(Projections.include(OrderDocuments.DELIVERIES))
                .first();
        return Optional.ofNullable(doc).map(d -> d.getList(OrderDocuments.DELIVERIES, Document.class, List.of()));
    }

    /**
     * Applies a newer version in one conditional update: only if the stored order still has the content the
     * caller compared against (and found not newer). Two instances applying versions at once
     * therefore end with the newest, and no update is lost or applied over a newer one.
     */
    public boolean applyNewerVersion(String orderId, String expectedDigest, PreparedOrder newer, List<Document> changes) {
        List<Bson> updates = new ArrayList<>();
        OrderDocuments.universalFields(newer.order()).forEach((field, value) -> updates.add(Updates.set(field, value)));
        updates.add(Updates.set(OrderDocuments.DIGEST, newer.digest()));
        updates.add(Updates.set(OrderDocuments.UPDATED_MS, newer.updatedAtMillis()));
        updates.add(Updates.push(OrderDocuments.DELIVERIES, OrderDocuments.rawDelivery(newer, "updated").append("changes", changes)));
        // The caller found the stored version not newer on the document with this digest, and the digest covers
        // updated_at: the digest alone is the condition.
        return orders.updateOne(Filters.and(Filters.eq("_id", orderId), Filters.eq(OrderDocuments.DIGEST, expectedDigest)),
                Updates.combine(updates)).getModifiedCount() == 1;
    }

    /** Keeps a delivery that changed nothing (a duplicate, a stale version) in the order's history. */
    public void appendDelivery(String orderId, Document delivery) {
        orders.updateOne(Filters.eq("_id", orderId), Updates.push(OrderDocuments.DELIVERIES, delivery));
    }

    /** Newest first; the cursor is the last order id of the previous page (ids grow with time). */
    public List<Document> list(Bson filter, int limit, String cursor) {
        Bson query = cursor == null ? filter : Filters.and(filter, Filters.lt("_id", cursor));
        return orders.find(query).projection(PUBLIC_FIELDS).sort(Sorts.descending("_id")).limit(limit)
                .into(new ArrayList<>());
    }

    private static Bson identity(ObjectNode order) {
        return Filters.and(Filters.eq("platform", order.path("platform").asText()),
                Filters.eq("store_uid", order.path("store_uid").asText()),
                Filters.eq("platform_order_id", order.path("platform_order_id").asText()));
    }
}
