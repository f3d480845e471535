package io.orderhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.orderhub.assignment.DeliveryRepository;
import io.orderhub.order.OrderDocuments;
import io.orderhub.order.OrderRepository;
import org.bson.Document;

/**
 * The store's own ceiling, measured in the same run as the hub: order documents (laid out as the hub lays them
 * out, see {@link Seeder}) inserted into an {@code orders} collection of a database of its own, under every index
 * the hub keeps (created by the hub's own repositories), through the MongoDB driver over the wire, as fast as the
 * store takes them: one document per insert from as many clients as the run
 * has connections (what an import would cost with no group commit), then batches of sixteen from four clients (about
 * what the hub's group commit sends), then single updates of those documents by {@code _id}, then updates of them in
 * batches of sixteen from four clients (what the assignment sends for a batch of new orders). Each write is
 * acknowledged as the hub's are (journaled in the production shape). Measured on a hub that has imported nothing
 * yet, after an unmeasured pass of the same four (the store's JVM is cold too); the database is dropped after each
 * pass.
 */
final class StoreCeiling {

    private static final long FIRST_ID = 700_000_000_000L;
    private static final String DATABASE = "orderhub_store_ceiling";
    private static final int BATCH = 16;

    /**
     * Documents per second and the store process's CPU milliseconds per document: inserted one at a time, in
     * batches, updated one at a time (a {@code findAndModify} by {@code _id}, the kind of command a single step of
     * an assignment sends), and updated in batches (a {@code bulkWrite} of updates by {@code _id}, as a batch of
     * new orders is claimed and its outcomes written).
     */
    record Result(double singleRate, double singleCpuMs, double batchedRate, double batchedCpuMs, double updateRate,
            double updateCpuMs, double batchedUpdateRate, double batchedUpdateCpuMs, String why) {

        static Result failed(String why) {
            return new Result(0, 0, 0, 0, 0, 0, 0, 0, why);
        }

        /**
         * The store's own CPU for one new order as the hub writes it: its insert in a batch, then the assignment's
         * two updates of it (the claim and the outcome), in batches.
         */
        double perOrderCpuMs() {
            return batchedCpuMs + 2 * batchedUpdateCpuMs;
        }
    }

    private StoreCeiling() {
    }

    static Result measure(String storeUri, long storePid, int clients, int seconds) {
        Document template = Seeder.template(Workload.Platform.SHOPIFY);
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            // Once unmeasured first: the store's JVM is as fresh as the hub, and a cold store's commands cost
            // about twice a warm one's (a single update 0.93 ms cold, 0.48 ms warm, measured apart).
            run(mongo.getDatabase(DATABASE), template, storePid, clients, seconds);
            return run(mongo.getDatabase(DATABASE), template, storePid, clients, seconds);
        } catch (MongoException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Result.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The four phases on a fresh database, which is dropped afterwards. */
    private static Result run(MongoDatabase database, Document template, long storePid, int clients, int seconds)
            throws InterruptedException {
        AtomicLong nextId = new AtomicLong(FIRST_ID);
        new OrderRepository(database);
        new DeliveryRepository(database);
        MongoCollection<Document> orders = database.getCollection(OrderDocuments.COLLECTION);
        double[] single = phase(storePid, clients, seconds, () -> orders.insertOne(order(template, nextId.getAndIncrement())), 1);
        double[] batched = phase(storePid, 4, seconds, () -> {
            List<Document> docs = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                docs.add(order(template, nextId.getAndIncrement()));
            }
            orders.insertMany(docs);
        }, BATCH);
        long stored = nextId.get() - FIRST_ID;
        // By _id, as the hub's claims and transitions find their order.
        double[] updates = phase(storePid, clients, seconds, () -> orders.findOneAndUpdate(
                Filters.eq("_id", id(FIRST_ID + ThreadLocalRandom.current().nextLong(stored))),
                Updates.combine(Updates.set("delivery.status", "assigning"), Updates.inc("delivery.version", 1)),
                // What the hub's assignment asks back: the delivery block, not the whole order.
                new FindOneAndUpdateOptions().projection(Projections.include("delivery")).returnDocument(ReturnDocument.AFTER)), 1);
        // As the assignment writes a batch's outcomes: one bulkWrite of updates, each by _id and version.
        double[] batchedUpdates = phase(storePid, 4, seconds, () -> {
            List<UpdateOneModel<Document>> writes = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id(FIRST_ID + ThreadLocalRandom.current().nextLong(stored))),
                        Updates.combine(Updates.set("delivery.status", "assigned"), Updates.set("delivery.partner_id", "bench"),
                                Updates.push("delivery.history", new Document("status", "assigned").append("at", "2026-12-08T00:00:00Z")),
                                Updates.inc("delivery.version", 1))));
            }
            orders.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }, BATCH);
        database.drop();
        return new Result(single[0], single[1], batched[0], batched[1], updates[0], updates[1], batchedUpdates[0],
                batchedUpdates[1], null);
    }

    /** {@code clients} threads running {@code command} ({@code documents} each) for {@code seconds}: {rate, CPU ms per document}. */
    private static double[] phase(long storePid, int clients, int seconds, Runnable command, int documents)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        long ticks = CostSampler.ticks(storePid);
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        command.run();
                        done.addAndGet(documents);
                    }
                } finally {
                    finished.countDown();
                }
            }, "store-ceiling-" + c);
            client.setDaemon(true);
            client.start();
        }
        finished.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long count = Math.max(1, done.get());
        return new double[] {count / elapsed, (CostSampler.ticks(storePid) - ticks) * CostSampler.MILLIS_PER_TICK / count};
    }

    private static String id(long id) {
        return "ord_ceiling_" + id;
    }

    private static Document order(Document template, long id) {
        Document doc = new Document(template);
        String orderId = Long.toString(id);
        doc.put("_id", id(id));
        doc.put("platform_order_id", orderId);
        doc.put("idempotency_key", template.getString("platform") + "_" + template.getString("store_uid") + "_" + orderId);
        return doc;
    }
}
