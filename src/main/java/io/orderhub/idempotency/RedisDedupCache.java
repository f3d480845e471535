package io.orderhub.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared cache of a multi-instance hub: {@code order_dedup:{key}} in Redis with the configured expiry.
 * A claim is one round trip ({@code SET key value NX GET EX ttl}, Redis 7): it either takes the key or
 * returns what is there. When Redis fails or times out ({@code spring.data.redis.timeout}) the cache steps
 * aside and the store's unique index decides; every such call counts in {@code orderhub.idempotency.fallbacks}.
 * A circuit breaker stops calling a Redis that keeps failing (those calls step aside at once) and lets a
 * few calls through after a while, so the cache fills again as soon as Redis is back.
 *
 * <p>What a stored order leaves in the cache ({@link #remember}) is written off the request's path, in order,
 * by one writer thread: the answer never waits for a second Redis round trip, and a cache entry that arrives a
 * little later only means the store's unique index answers a redelivery meanwhile. {@link #forget} goes
 * through the same writer (so it is never overtaken by an earlier remember) and waits for it.
 */
public class RedisDedupCache implements DedupCache, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisDedupCache.class);
    /** Meter name: calls answered without Redis. */
    public static final String FALLBACKS = "orderhub.idempotency.fallbacks";

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Expiration expiration;
    private final Duration ttl;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final ExecutorService writer;

    public RedisDedupCache(StringRedisTemplate redis, String prefix, Duration ttl, CircuitBreaker breaker,
            MeterRegistry meters) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.expiration = Expiration.from(ttl);
        this.breaker = breaker;
        this.meters = meters;
        for (String operation : new String[] {"claim", "remember", "forget"}) {
            fallbackCounter(operation);
        }
        // Bounded: when Redis cannot keep up, an entry is dropped (counted as a fallback), never the heap filled.
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(50_000), r -> {
            Thread thread = new Thread(r, "redis-dedup-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Optional<CacheEntry> claim(String key, CacheEntry claim) {
        byte[] redisKey = (prefix + key).getBytes(StandardCharsets.UTF_8);
        byte[] value = claim.encode().getBytes(StandardCharsets.UTF_8);
        byte[] previous = guarded("claim", () -> redis.execute((RedisCallback<byte[]>) connection -> connection
                .stringCommands().setGet(redisKey, value, expiration, SetOption.SET_IF_ABSENT)));
        return previous == null ? Optional.empty()
                : Optional.of(CacheEntry.decode(new String(previous, StandardCharsets.UTF_8)));
    }

    @Override
    public void remember(String key, CacheEntry stored) {
        try {
            writer.execute(() -> guarded("remember", () -> {
                redis.opsForValue().set(prefix + key, stored.encode(), ttl);
                return null;
            }));
        } catch (RejectedExecutionException full) {
            fallbackCounter("remember").increment();
        }
    }

    @Override
    public void forget(String key) {
        try {
            Future<?> done = writer.submit(() -> guarded("forget", () -> redis.delete(prefix + key)));
            done.get(2, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            fallbackCounter("forget").increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is still queued (up to two seconds) before the hub stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(2, TimeUnit.SECONDS);
    }

    /** How often Redis failed and the store's unique index decided alone. */
    public long fallbacks() {
        return (long) meters.find(FALLBACKS).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The Redis call through the breaker; on any failure, or with the breaker open, null (step aside). */
    private <T> T guarded(String operation, Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            fallbackCounter(operation).increment();
            return null;
        } catch (RuntimeException e) {
            fallbackCounter(operation).increment();
            long n = fallbacks();
            if (n == 1 || n % 1000 == 0) {
                log.warn("Redis {} failed ({} fallbacks so far, breaker {}); duplicates are checked by the store's "
                        + "unique index: {}", operation, n, breaker.getState(), e.toString());
            }
            return null;
        }
    }

    private Counter fallbackCounter(String operation) {
        return Counter.builder(FALLBACKS).tag("operation", operation)
                .description("Idempotency cache calls that stepped aside because Redis failed or its breaker was open")
                .register(meters);
    }
}
