package io.orderhub.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.orderhub.order.OrderDocuments;
import io.orderhub.support.ImportStream;
import org.bson.Document;

/**
 * Checks what a run measured against the store itself: every order that got a 2xx is stored exactly once, no
 * order is stored twice, every redelivery was answered as a duplicate and every update as updated.
 *
 * @param sent           requests sent
 * @param acknowledged   requests answered 2xx
 * @param orders         distinct orders sent
 * @param stored         of those, stored at least once (stored, duplicated and lost are -1 when the store was unreadable)
 * @param duplicated     orders stored more than once, plus documents beyond the seeded ones that no request explains
 * @param lost           orders with a 2xx answer that are not stored
 * @param redeliveries   exact redeliveries sent
 * @param answeredDuplicate redeliveries answered 200 "duplicate"
 * @param wronglyAnswered redeliveries answered 2xx but not "duplicate", updates answered 2xx but not "updated"
 *                        (unless they overtook their order and it got that answer), and orders answered "created"
 *                        more than once
 * @param updates        updates sent
 * @param answeredUpdated updates answered 200 "updated"
 * @param statuses       answers by HTTP status (-1: no answer)
 * @param unreadable     why the store could not be read after the run (the check then did not happen), else null
 */
record ExactlyOnce(long sent, long acknowledged, long orders, long stored, long duplicated, long lost, long redeliveries,
        long answeredDuplicate, long wronglyAnswered, long updates, long answeredUpdated, Map<Integer, Long> statuses,
        String unreadable) {

    boolean holds() {
        return unreadable == null && duplicated == 0 && lost == 0 && wronglyAnswered == 0;
    }

    /** Every stored order key and its copies, read once the store has stopped growing. */
    private static Map<String, Integer> storedWhenQuiet(String storeUri) {
        // An overloaded hub still works through requests whose client gave up; the store answers slowly meanwhile.
        String patient = storeUri + "/?serverSelectionTimeoutMS=60000&connectTimeoutMS=60000&socketTimeoutMS=120000";
        awaitQuiet(patient);
        return ImportStream.storedCounts(patient);
    }

    /** Waits (up to 5 minutes) until the number of stored orders stays the same for 5 seconds. */
    private static void awaitQuiet(String storeUri) {
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            MongoCollection<Document> orders = mongo.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long last = -1;
            long count;
            while ((count = orders.estimatedDocumentCount()) != last && System.nanoTime() < deadline) {
                last = count;
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
            }
        }
    }

    /**
     * A follow-up that overtook its order (open loop, a stalled answer): it created the order and the first
     * delivery then got what the follow-up should have got. Still exactly once.
     */
    private static boolean swapped(Outcomes outcomes, int followUp, int original, Outcomes.Outcome originalShouldGet) {
        return outcomes.outcome(followUp) == Outcomes.Outcome.CREATED && outcomes.outcome(original) == originalShouldGet;
    }

    /** Reads every stored order's identity from {@code storeUri} and compares it with the first {@code upTo} requests. */
    static ExactlyOnce check(Workload workload, Outcomes outcomes, int upTo, String storeUri, long seeded) {
        Map<String, Integer> stored;
        String unreadable = null;
        try {
            stored = storedWhenQuiet(storeUri);
        } catch (MongoException e) {
            unreadable = e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
            stored = Map.of();
        }
        Map<String, Boolean> acknowledgedOrders = new HashMap<>();
        Map<String, Integer> created = new HashMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long sent = 0;
        long acknowledged = 0;
        long redeliveries = 0;
        long answeredDuplicate = 0;
        long updates = 0;
        long answeredUpdated = 0;
        long wrong = 0;
        for (int i = 0; i < Math.min(upTo, workload.size()); i++) {
            if (!outcomes.answered(i)) {
                continue;
            }
            Workload.Request request = workload.get(i);
            String key = request.key();
            sent++;
            statuses.merge(outcomes.status(i), 1L, Long::sum);
            boolean ok = outcomes.acknowledged(i);
            acknowledgedOrders.merge(key, ok, Boolean::logicalOr);
            if (ok) {
                acknowledged++;
            }
            Outcomes.Outcome outcome = outcomes.outcome(i);
            if (outcome == Outcomes.Outcome.CREATED) {
                created.merge(key, 1, Integer::sum);
            }
            switch (request.kind()) {
                case REDELIVERY -> {
                    redeliveries++;
                    if (outcome == Outcomes.Outcome.DUPLICATE) {
                        answeredDuplicate++;
                    } else if (outcome == Outcomes.Outcome.QUEUED) {
                        // Kept in the import queue while the store failed: decided when the queue drains.
                    } else if (ok && !swapped(outcomes, i, request.refersTo(), Outcomes.Outcome.DUPLICATE)) {
                        wrong++;
                    }
                }
                case UPDATE -> {
                    updates++;
                    if (outcome == Outcomes.Outcome.UPDATED) {
                        answeredUpdated++;
                    } else if (outcome == Outcomes.Outcome.QUEUED) {
                        // as above
                    } else if (ok && !swapped(outcomes, i, request.refersTo(), Outcomes.Outcome.STALE)) {
                        wrong++;
                    }
                }
                case NEW -> { }
            }
        }
        wrong += created.values().stream().filter(n -> n > 1).count();
        if (unreadable != null) {
            return new ExactlyOnce(sent, acknowledged, acknowledgedOrders.size(), -1, -1, -1, redeliveries, answeredDuplicate,
                    wrong, updates, answeredUpdated, statuses, unreadable);
        }
        long storedOrders = 0;
        long lost = 0;
        long duplicated = 0;
        long explained = 0;
        for (Map.Entry<String, Boolean> order : acknowledgedOrders.entrySet()) {
            int copies = stored.getOrDefault(order.getKey(), 0);
            explained += copies;
            if (copies > 0) {
                storedOrders++;
            } else if (order.getValue()) {
                lost++;
            }
            if (copies > 1) {
                duplicated++;
            }
        }
        long total = stored.values().stream().mapToLong(Integer::longValue).sum();
        duplicated += Math.max(0, total - seeded - explained);
        return new ExactlyOnce(sent, acknowledged, acknowledgedOrders.size(), storedOrders, duplicated, lost, redeliveries,
                answeredDuplicate, wrong, updates, answeredUpdated, statuses, unreadable);
    }

    /**
     * The check of a wrk-driven run: every request a new Shopify order with an id in {@code [firstId, nextId)}.
     * wrk does not say which request got which answer, so an order counts as lost when the range holds fewer
     * stored orders than 2xx answers (a request still in flight when wrk stopped may be stored without an answer),
     * and as wrongly answered when a 2xx did not say {@code created}.
     */
    static ExactlyOnce ofRange(WrkImports.Result run, String storeUri, String platform) {
        long sent = run.nextId() - run.firstId();
        try {
            Map<String, Integer> stored = storedWhenQuiet(storeUri);
            long storedOrders = 0;
            long duplicated = 0;
            for (long id = run.firstId(); id < run.nextId(); id++) {
                int copies = stored.getOrDefault(platform + "_" + id, 0);
                storedOrders += copies > 0 ? 1 : 0;
                duplicated += copies > 1 ? 1 : 0;
            }
            return new ExactlyOnce(sent, run.ok(), sent, storedOrders, duplicated, Math.max(0, run.ok() - storedOrders), 0, 0,
                    run.ok() - run.created(), 0, 0, run.statuses(), null);
        } catch (MongoException e) {
            return new ExactlyOnce(sent, run.ok(), sent, -1, -1, -1, 0, 0, run.ok() - run.created(), 0, 0, run.statuses(),
                    e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
