package io.orderhub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.FixtureStores;
import io.orderhub.support.ImportStream;
import io.orderhub.support.ImportStream.Order;
import io.orderhub.support.ImportStream.Result;
import io.orderhub.support.PackagedHub;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as real processes: killed with SIGKILL and stopped with SIGTERM in the middle of a
 * stream of signed imports (every order that got a 2xx is stored exactly once: after the restart that
 * follows the kill, and in the store's files once the SIGTERM has ended the process), and two hubs sharing
 * one store and one Redis, each sent the same 500 orders at once (exactly 500 stored).
 */
@Tag("fault")
class HubProcessFaultIT {

    private static final int CLIENTS = 4;

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedOrderIsStoredExactlyOnceAfterKillNineAndAfterSigterm() {
        int port = PackagedHub.freePort();
        List<String> args = new ArrayList<>(fixtureStores());
        args.add("--orderhub.data-dir=" + workDir.resolve("data"));
        args.add("--orderhub.dashboard.websocket-port=0");

        PackagedHub hub = PackagedHub.start(port, args).awaitUp();
        List<Order> orders = ImportStream.distinctOrders(2000, 9_100_000);
        List<Result> killed = sendAndStop(hub, orders, 1000, hub::kill);
        PackagedHub restarted = PackagedHub.start(port, args).awaitUp();
        try {
            var stored = ImportStream.storedCounts(restarted.client());
            Set<String> acknowledged = ImportStream.keys(killed, Result::acknowledged);
            ImportStream.report("kill-9", "sent", killed.size(), "acknowledged", acknowledged.size(),
                    "stored", stored.size(), "duplicates", ImportStream.duplicates(stored),
                    "statuses", ImportStream.statuses(killed));
            assertThat(stored.keySet()).as("acknowledged orders stored after kill -9").containsAll(acknowledged);
            assertThat(ImportStream.duplicates(stored)).isZero();

            // The platforms retry what got no answer: still one order each.
            List<Order> unanswered = orders.stream().filter(o -> !acknowledged.contains(o.key())).toList();
            List<Result> retried = ImportStream.send(restarted.client(), unanswered, CLIENTS);
            var afterRetry = ImportStream.storedCounts(restarted.client());
            ImportStream.report("kill-9-retry", "sent", retried.size(),
                    "acknowledged", retried.stream().filter(Result::acknowledged).count(),
                    "stored", afterRetry.size(), "duplicates", ImportStream.duplicates(afterRetry));
            // 200 for an order stored but not answered before the kill, 201 for one that was not stored; either may be absent.
            assertThat(ImportStream.statuses(retried).keySet()).isSubsetOf(200, 201);
            assertThat(afterRetry).hasSize(2000);
            assertThat(ImportStream.duplicates(afterRetry)).isZero();

            List<Order> more = ImportStream.distinctOrders(400, 9_200_000);
            List<Result> terminated = sendAndStop(restarted, more, 200, restarted::terminate);
            restarted.awaitExit();
            // The hub has ended: its store's files are read directly, as the next start would find them.
            try (EmbeddedMongoStore files = EmbeddedMongoStore.start(workDir.resolve("data").toString(), 0)) {
                var storedAfterSigterm = ImportStream.storedCounts(files.connectionString());
                Set<String> acknowledgedBeforeSigterm = ImportStream.keys(terminated, Result::acknowledged);
                ImportStream.report("sigterm", "sent", terminated.size(), "acknowledged", acknowledgedBeforeSigterm.size(),
                        "stored", storedAfterSigterm.size() - afterRetry.size(),
                        "duplicates", ImportStream.duplicates(storedAfterSigterm),
                        "statuses", ImportStream.statuses(terminated));
                assertThat(storedAfterSigterm.keySet()).containsAll(acknowledgedBeforeSigterm);
                assertThat(ImportStream.duplicates(storedAfterSigterm)).isZero();
            }
        } finally {
            restarted.close();
        }
    }

    @Test
    void twoHubsSharingTheStoreAndRedisStoreEachOfFiveHundredOrdersSentToBothExactlyOnce() {
        String run = UUID.randomUUID().toString();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(workDir.resolve("store").toString(), 0)) {
            List<String> args = new ArrayList<>(fixtureStores());
            args.addAll(List.of("--orderhub.store.uri=" + store.connectionString(), "--orderhub.roles=import",
                    "--orderhub.idempotency.cache=redis", "--orderhub.idempotency.key-prefix=it-" + run + ":",
                    "--orderhub.queue.redis-key=it-queue-" + run, "--spring.data.redis.database=" + TestRedis.DATABASE,
                    "--orderhub.data-dir="));
            // Both at once: on a loaded machine two JVMs get twice the CPU share of one, and nothing is
            // shared at start that one hub could hold against the other.
            try (PackagedHub first = PackagedHub.start(PackagedHub.freePort(), args);
                    PackagedHub second = PackagedHub.start(PackagedHub.freePort(), args)) {
                first.awaitUp();
                second.awaitUp();
                List<Order> orders = ImportStream.distinctOrders(500, 9_300_000);

                CompletableFuture<List<Result>> toFirst = CompletableFuture.supplyAsync(
                        () -> ImportStream.send(first.client(), orders, CLIENTS));
                List<Result> results = new ArrayList<>(ImportStream.send(second.client(), orders, CLIENTS));
                results.addAll(toFirst.join());

                Map<String, Integer> stored = ImportStream.storedCounts(store.connectionString());
                long created = results.stream().filter(r -> "created".equals(r.outcome())).count();
                ImportStream.report("two-instances", "sent", results.size(),
                        "acknowledged", results.stream().filter(Result::acknowledged).count(), "created", created,
                        "stored", stored.size(), "duplicates", ImportStream.duplicates(stored),
                        "statuses", ImportStream.statuses(results));
                assertThat(ImportStream.statuses(results)).containsOnlyKeys(200, 201);
                assertThat(stored).hasSize(500);
                assertThat(ImportStream.duplicates(stored)).isZero();
                assertThat(created).isEqualTo(500);
            }
        }
    }

    /** Sends the stream and, once {@code stopAfter} orders are acknowledged, stops the hub with {@code stop}. */
    private static List<Result> sendAndStop(PackagedHub hub, List<Order> orders, int stopAfter, Runnable stop) {
        AtomicInteger acknowledged = new AtomicInteger();
        return ImportStream.send(hub.client(), orders, CLIENTS, result -> {
            if (result.acknowledged() && acknowledged.incrementAndGet() == stopAfter) {
                CompletableFuture.runAsync(stop);
            }
        });
    }

    private static List<String> fixtureStores() {
        return FixtureStores.properties(null).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
