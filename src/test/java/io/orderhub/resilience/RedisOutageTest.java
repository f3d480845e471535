package io.orderhub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderhub.idempotency.RedisOrderIdempotentRepository;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubProcess;
import io.orderhub.support.ImportStream;
import io.orderhub.support.ImportStream.Order;
import io.orderhub.support.ImportStream.Result;
import io.orderhub.support.Poll;
import io.orderhub.support.RedisServerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hub whose Redis (a real {@code redis-server} of this test's own) is killed during a stream of imports
 * with duplicates, and started again: no 5xx, no duplicate, the fallbacks counted, the cache filled again.
 */
@Tag("fault")
class RedisOutageTest {

    @Test
    void importsGoOnWithoutDuplicatesWhileRedisIsDownAndTheCacheFillsAgainWhenItReturns() {
        try (RedisServerProcess redis = RedisServerProcess.start();
                EmbeddedMongoStore store = EmbeddedMongoStore.start("", 0);
                HubProcess hub = HubProcess.start(store.connectionString(), null, Map.of(
                        "orderhub.roles", "import",
                        "spring.data.redis.port", String.valueOf(redis.port()),
                        "spring.data.redis.database", "0",
                        "orderhub.idempotency.breaker.wait-in-open", "300ms"))) {
            HubClient client = hub.client();
            List<Order> orders = ImportStream.distinctOrders(120, 8_100_000);
            List<Result> results = new ArrayList<>();

            results.addAll(ImportStream.send(client, withDuplicates(orders.subList(0, 40)), 4));
            redis.kill();
            results.addAll(ImportStream.send(client, withDuplicates(orders.subList(40, 80)), 4));
            redis.startAgain();
            Poll.until(Duration.ofSeconds(20), () -> probeCache(client, redis), filled -> filled);
            long keysBefore = redis.keys();
            results.addAll(ImportStream.send(client, withDuplicates(orders.subList(80, 120)), 4));
            // The breaker lets only a few calls through while half open: redeliveries fill in the keys it skipped.
            long refilled = Poll.until(Duration.ofSeconds(20), () -> {
                ImportStream.send(client, orders.subList(80, 120), 4);
                return redis.keys() - keysBefore;
            }, keys -> keys >= 40);

            Map<String, Integer> stored = ImportStream.storedCounts(store.connectionString());
            long fallbacks = (long) hub.bean(MeterRegistry.class).find(RedisOrderIdempotentRepository.FALLBACKS).counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            long acknowledged = results.stream().filter(Result::acknowledged).count();
            ImportStream.report("redis-down", "sent", results.size(), "acknowledged", acknowledged,
                    "stored", stored.size(), "duplicates", ImportStream.duplicates(stored), "fallbacks", fallbacks,
                    "statuses", ImportStream.statuses(results));

            assertThat(ImportStream.statuses(results)).as("answers by status").containsOnlyKeys(200, 201);
            Set<String> sent = ImportStream.keys(results, r -> true);
            assertThat(stored.keySet()).containsAll(sent);
            assertThat(ImportStream.duplicates(stored)).as("orders stored twice").isZero();
            assertThat(fallbacks).as("fallbacks counted").isPositive();
            assertThat(refilled).as("cache keys written after Redis returned").isGreaterThanOrEqualTo(40);
        }
    }

    /** Every third delivery is a redelivery of an earlier one of the same slice. */
    private static List<Order> withDuplicates(List<Order> slice) {
        List<Order> stream = new ArrayList<>();
        for (int i = 0; i < slice.size(); i++) {
            stream.add(slice.get(i));
            if (i % 2 == 1) {
                stream.add(slice.get(i - 1));
            }
        }
        return stream;
    }

    /** A redelivery of an already stored order writes its cache entry once Redis takes writes again. */
    private static boolean probeCache(HubClient client, RedisServerProcess redis) {
        ImportStream.sendOne(client, ImportStream.distinctOrders(1, 8_100_000).get(0));
        return redis.keys() > 0;
    }
}
