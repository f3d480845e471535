package io.orderhub.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for new documents: concurrent callers' inserts are collected for at most {@code linger} or
 * {@code maxBatch} documents, written with one {@code insertMany}, made durable with one sync, and only then
 * is every waiting caller answered. One command and one sync for many orders is what gets the store past a
 * few thousand inserts a second; "answered only once durable" holds for each document as before.
 *
 * <p>Each document is answered on its own: {@link Outcome#INSERTED}, or {@link Outcome#DUPLICATE_KEY} when
 * the unique index refused it (another document for the same key is already stored). A failure of the store
 * itself is thrown to every caller of the batch, as the driver threw it, so the callers' error handling
 * (queue the delivery, or answer 503) sees the same exception a single insert would have raised.
 */
public final class GroupCommitInserts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitInserts.class);
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

    /** What became of one document. */
    public enum Outcome { INSERTED, DUPLICATE_KEY }

    private record Pending(Document document, CompletableFuture<Outcome> answer) {
    }

    private final MongoCollection<Document> collection;
    private final StoreDurability durability;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommitInserts(MongoCollection<Document> collection, StoreDurability durability, int maxBatch,
            Duration linger, int writerThreads) {
        this.collection = collection;
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        // More than one writer: while one batch waits for its sync, the next is already being written.
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::writeBatches, "store-group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Inserts one document durably, together with whatever else is being inserted right now. */
    public Outcome insert(Document document) {
        if (closed) {
            throw new IllegalStateException("The store's group commit is closed");
        }
        Pending mine = new Pending(document, new CompletableFuture<>());
        pending.add(mine);
        try {
            return mine.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the order was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                collect(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting: whatever went wrong is its answer.
                batch.forEach(p -> p.answer().completeExceptionally(e));
                if (!(e instanceof RuntimeException)) {
                    throw e;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what is waiting, and what arrives within the linger time, up to the batch size. */
    private void collect(List<Pending> batch) throws InterruptedException {
        pending.drainTo(batch, maxBatch - batch.size());
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = pending.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            pending.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        List<Document> documents = batch.stream().map(Pending::document).toList();
        try {
            collection.insertMany(documents, UNORDERED);
            durability.awaitDurable();
            batch.forEach(p -> p.answer().complete(Outcome.INSERTED));
        } catch (MongoBulkWriteException refused) {
            settleOneByOne(batch, refused);
        }
    }

    /**
     * Some documents of the batch were refused. Which ones is read back from the store rather than from the
     * error's indexes (not every Mongo-wire server numbers them by position): what is there was inserted,
     * what is not is inserted again on its own, which answers it exactly.
     */
    private void settleOneByOne(List<Pending> batch, MongoBulkWriteException refused) {
        log.debug("Group insert of {} documents partly refused: {}", batch.size(), refused.getWriteErrors());
        List<Object> ids = batch.stream().map(p -> p.document().get("_id")).toList();
        Set<Object> stored = new HashSet<>();
        collection.find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .forEach(doc -> stored.add(doc.get("_id")));
        List<Pending> inserted = new ArrayList<>();
        for (Pending p : batch) {
            if (stored.contains(p.document().get("_id"))) {
                inserted.add(p);
                continue;
            }
            try {
                collection.insertOne(p.document());
                inserted.add(p);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                p.answer().complete(Outcome.DUPLICATE_KEY);
            }
        }
        durability.awaitDurable();
        inserted.forEach(p -> p.answer().complete(Outcome.INSERTED));
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        Pending left;
        while ((left = pending.poll()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("The store is closing"));
        }
    }
}
