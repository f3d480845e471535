package io.orderhub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.queue.QueueDrainer;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubProcess;
import io.orderhub.support.ImportStream;
import io.orderhub.support.ImportStream.Order;
import io.orderhub.support.ImportStream.Result;
import io.orderhub.support.Poll;
import io.orderhub.support.RedisServerProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub whose store (an embedded MongoDB-wire store on disk, outside the hub, stopped and started again on
 * the same port and files) goes away during a stream of imports: the deliveries are answered 202
 * {@code queued}, kept in the queue (the spool file, or the Redis stream) and imported exactly once when
 * the store is back. With Redis down as well nothing can keep them: 503 with Retry-After, nothing acknowledged.
 */
@Tag("fault")
class StoreOutageTest {

    @TempDir
    Path dir;

    @Test
    void ordersArrivingWhileTheStoreIsDownAreQueuedInTheSpoolFileAndStoredOnceItReturns() {
        storeOutage("store-down-spool", Map.of("orderhub.idempotency.cache", "memory",
                "orderhub.data-dir", dir.resolve("hub").toString()), 7_100_000);
    }

    @Test
    void ordersArrivingWhileTheStoreIsDownAreQueuedInTheRedisStreamAndStoredOnceItReturns() {
        storeOutage("store-down-redis-stream", Map.of("spring.data.redis.database", String.valueOf(TestRedis.DATABASE),
                "orderhub.idempotency.key-prefix", "fault-" + UUID.randomUUID() + ":",
                "orderhub.queue.redis-key", "fault-queue-" + UUID.randomUUID()), 7_200_000);
    }

    private void storeOutage(String scenario, Map<String, String> mode, long firstId) {
        Path storeFiles = dir.resolve("store");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(storeFiles.toString(), 0);
        int storePort = store.port();
        try (HubProcess hub = HubProcess.start(store.connectionString(), null, settings(mode))) {
            HubClient client = hub.client();
            List<Order> orders = ImportStream.distinctOrders(90, firstId);
            List<Result> results = new ArrayList<>(ImportStream.send(client, orders.subList(0, 30), 4));

            store.close();
            List<Order> duringOutage = new ArrayList<>(orders.subList(30, 70));
            duringOutage.addAll(orders.subList(30, 40));
            List<Result> queued = ImportStream.send(client, duringOutage, 4);
            results.addAll(queued);

            MeterRegistry meters = hub.bean(MeterRegistry.class);
            long queuedAnswers = queued.stream().filter(r -> "queued".equals(r.outcome())).count();
            // Operators see the outage in the metrics: every queued answer counted, all of them waiting.
            assertThat(meters.find("orderhub.imports").tag("outcome", "queued").counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo((double) queuedAnswers);
            assertThat(meters.get("orderhub.queue.depth").tag("queue", "import").gauge().value())
                    .isEqualTo((double) queuedAnswers);
            store = EmbeddedMongoStore.start(storeFiles.toString(), storePort);
            results.addAll(ImportStream.send(client, orders.subList(70, 90), 4));
            Poll.until(Duration.ofSeconds(60), () -> meters.get("orderhub.queue.depth").tag("queue", "import").gauge().value(), depth -> depth == 0);
            // The platforms retry nothing here: every queued delivery must come out of the queue by itself.
            Map<String, Integer> stored = ImportStream.storedCounts(store.connectionString());
            long acknowledged = results.stream().filter(Result::acknowledged).count();
            ImportStream.report(scenario, "sent", results.size(), "acknowledged", acknowledged,
                    "queued", queued.stream().filter(r -> "queued".equals(r.outcome())).count(),
                    "stored", stored.size(), "duplicates", ImportStream.duplicates(stored),
                    "statuses", ImportStream.statuses(results));

            assertThat(ImportStream.statuses(queued)).as("answers while the store is down").containsOnlyKeys(202);
            assertThat(queued).allMatch(r -> "queued".equals(r.outcome()));
            assertThat(ImportStream.statuses(results)).containsOnlyKeys(201, 202);
            Set<String> sent = ImportStream.keys(results, Result::acknowledged);
            assertThat(stored.keySet()).isEqualTo(sent);
            assertThat(ImportStream.duplicates(stored)).as("orders stored twice").isZero();
        } finally {
            store.close();
        }
    }

    @Test
    void aSpooledDeliveryStaysQueuedThroughDrainPassesWhileTheStoreIsDownAndIsStoredOnceWhenItReturns() {
        drainRetried("store-down-drain-retried-spool", Map.of("orderhub.idempotency.cache", "memory",
                "orderhub.data-dir", dir.resolve("hub").toString()), 7_400_000);
    }

    @Test
    void aDeliveryInTheRedisStreamStaysQueuedThroughDrainPassesWhileTheStoreIsDownAndIsStoredOnceWhenItReturns() {
        // With the Redis cache each failed attempt also claims and releases the order's key there.
        drainRetried("store-down-drain-retried-redis-stream", Map.of(
                "spring.data.redis.database", String.valueOf(TestRedis.DATABASE),
                "orderhub.idempotency.key-prefix", "fault-" + UUID.randomUUID() + ":",
                "orderhub.queue.redis-key", "fault-queue-" + UUID.randomUUID()), 7_500_000);
    }

    private void drainRetried(String scenario, Map<String, String> mode, long firstId) {
        Path storeFiles = dir.resolve("store");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(storeFiles.toString(), 0);
        int storePort = store.port();
        try (HubProcess hub = HubProcess.start(store.connectionString(), null, settings(mode))) {
            HubClient client = hub.client();
            MeterRegistry meters = hub.bean(MeterRegistry.class);
            List<Order> orders = ImportStream.distinctOrders(12, firstId);

            store.close();
            List<Result> queued = ImportStream.send(client, orders, 4);
            // Several drain passes meet the dead store; each must leave every delivery in the queue.
            Poll.until(Duration.ofSeconds(60), () -> meters.get(QueueDrainer.DEFERRED).tag("cause", "store").counter().count(),
                    failed -> failed >= 5);
            double depthWhileDown = depth(meters);
            double drainedWhileDown = meters.get(QueueDrainer.DRAINED).counter().count();

            store = EmbeddedMongoStore.start(storeFiles.toString(), storePort);
            Poll.until(Duration.ofSeconds(60), () -> depth(meters), depth -> depth == 0);
            Map<String, Integer> stored = ImportStream.storedCounts(store.connectionString());
            long deadLetters = deadLetters(store.connectionString());
            double drained = meters.get(QueueDrainer.DRAINED).counter().count();
            ImportStream.report(scenario, "sent", queued.size(),
                    "acknowledged", queued.stream().filter(Result::acknowledged).count(),
                    "deferred_passes", (long) meters.get(QueueDrainer.DEFERRED).tag("cause", "store").counter().count(),
                    "queued_while_down", (long) depthWhileDown, "drained", (long) drained, "stored", stored.size(),
                    "duplicates", ImportStream.duplicates(stored), "dead_letters", deadLetters,
                    "statuses", ImportStream.statuses(queued));

            assertThat(queued).allMatch(r -> "queued".equals(r.outcome()));
            assertThat(depthWhileDown).as("entries queued while the store is down").isEqualTo(orders.size());
            assertThat(drainedWhileDown).as("entries taken off the queue while the store is down").isZero();
            assertThat(stored.keySet()).isEqualTo(ImportStream.keys(queued, r -> true));
            assertThat(ImportStream.duplicates(stored)).isZero();
            assertThat(drained).as("entries drained").isEqualTo(orders.size());
            assertThat(deadLetters).isZero();
        } finally {
            store.close();
        }
    }

    @Test
    void withTheStoreAndRedisBothDownNothingIsAcknowledgedAndEveryRetryIsStoredOnce() {
        Path storeFiles = dir.resolve("store");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(storeFiles.toString(), 0);
        int storePort = store.port();
        try (RedisServerProcess redis = RedisServerProcess.start();
                HubProcess hub = HubProcess.start(store.connectionString(), null, settings(Map.of(
                        "spring.data.redis.port", String.valueOf(redis.port()),
                        "spring.data.redis.database", "0")))) {
            HubClient client = hub.client();
            List<Order> orders = ImportStream.distinctOrders(40, 7_300_000);

            redis.kill();
            store.close();
            List<Result> refused = ImportStream.send(client, orders, 4);
            redis.startAgain();
            store = EmbeddedMongoStore.start(storeFiles.toString(), storePort);
            Poll.until(Duration.ofSeconds(20), () -> ImportStream.sendOne(client, orders.get(0)).status(), s -> s == 201);
            Map<String, Integer> storedAfterRecovery = ImportStream.storedCounts(store.connectionString());
            // The platforms retry what was refused.
            List<Result> retried = ImportStream.send(client, orders, 4);
            Map<String, Integer> stored = ImportStream.storedCounts(store.connectionString());
            ImportStream.report("store-and-redis-down", "sent", refused.size(),
                    "acknowledged", refused.stream().filter(Result::acknowledged).count(),
                    "stored_before_retry", storedAfterRecovery.size(), "retried", retried.size(),
                    "stored", stored.size(), "duplicates", ImportStream.duplicates(stored),
                    "statuses", ImportStream.statuses(refused));

            assertThat(ImportStream.statuses(refused)).as("answers with both down").containsOnlyKeys(503);
            assertThat(refused).allMatch(r -> r.retryAfter() != null);
            assertThat(storedAfterRecovery.keySet()).as("stored without a retry").containsOnly(orders.get(0).key());
            assertThat(ImportStream.statuses(retried)).containsOnlyKeys(200, 201);
            assertThat(stored.keySet()).isEqualTo(ImportStream.keys(retried, r -> true));
            assertThat(ImportStream.duplicates(stored)).isZero();
        } finally {
            store.close();
        }
    }

    private static double depth(MeterRegistry meters) {
        return meters.get("orderhub.queue.depth").tag("queue", "import").gauge().value();
    }

    private static long deadLetters(String storeUri) {
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            return mongo.getDatabase("orderhub").getCollection("dead_letters").countDocuments();
        }
    }

    private static Map<String, String> settings(Map<String, String> mode) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("orderhub.roles", "import");
        settings.put("orderhub.store.server-selection-timeout", "300ms");
        settings.put("orderhub.queue.drain-interval", "200ms");
        settings.put("orderhub.idempotency.breaker.wait-in-open", "300ms");
        settings.putAll(mode);
        return settings;
    }
}
