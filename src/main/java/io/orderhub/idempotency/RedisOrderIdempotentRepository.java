package io.orderhub.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The shared repository of a multi-instance hub: Camel's Redis string repository (one string key per order,
 * {@code {prefix}{key}}, with the expiry) whose value is the {@link CacheEntry} rather than the key itself, so a
 * redelivery of the same content is answered from Redis alone. A claim stays one round trip
 * ({@code SET key value NX GET EX expiry}, Redis 7): it either takes the key or returns what is there, where
 * Camel's {@code add} would need a second call to read it. Every call goes through {@link RedisFallbacks}: with
 * Redis down the key counts as free and the store's unique index decides.
 *
 * <p>What a stored order leaves in the cache ({@link #remember}) is written off the request's path, in order,
 * by one writer thread: the answer never waits for a second Redis round trip, and a cache entry that arrives a
 * little later only means the store's unique index answers a redelivery meanwhile. {@link #remove} goes through
 * the same writer (so it is never overtaken by an earlier remember) and waits for it.
 */
public class RedisOrderIdempotentRepository extends SpringRedisStringIdempotentRepository
        implements OrderIdempotentRepository {

    /** Meter name: calls answered without Redis, tagged by operation. */
    public static final String FALLBACKS = RedisFallbacks.FALLBACKS;
    private static final int CLEAR_BATCH = 500;

    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisFallbacks fallbacks;
    private volatile ExecutorService writer = newWriter();

    public RedisOrderIdempotentRepository(StringRedisTemplate redis, String prefix, Duration expiry,
            CircuitBreaker breaker, MeterRegistry meters) {
        super(redis, prefix);
        if (expiry.toSeconds() < 1) {
            // Redis expiries are whole seconds here, and Camel reads an expiry of 0 as "keep for ever".
            throw new IllegalArgumentException("orderhub.idempotency.ttl must be at least 1s, was " + expiry);
        }
        this.redis = redis;
        this.prefix = prefix;
        this.fallbacks = new RedisFallbacks(breaker, meters, "claim", "contains", "remember", "forget");
        setExpiry(expiry.toSeconds());
    }

    @Override
    public Optional<CacheEntry> claim(String key, CacheEntry claim) {
        byte[] redisKey = bytes(createRedisKey(key));
        byte[] value = bytes(claim.encode());
        byte[] previous = fallbacks.call("claim", () -> redis.execute((RedisCallback<byte[]>) connection -> connection
                .stringCommands().setGet(redisKey, value, Expiration.seconds(getExpiry()), SetOption.SET_IF_ABSENT)));
        return previous == null ? Optional.empty()
                : Optional.of(CacheEntry.decode(new String(previous, StandardCharsets.UTF_8)));
    }

    @Override
    public boolean add(String key) {
        return claim(key, CacheEntry.pending("")).isEmpty();
    }

    /** Whether the key is taken; with Redis unreachable it counts as free, as a claim would. */
    @Override
    public boolean contains(String key) {
        return Boolean.TRUE.equals(fallbacks.call("contains", () -> super.contains(key)));
    }

    @Override
    public void remember(String key, CacheEntry stored) {
        try {
            writer.execute(() -> fallbacks.call("remember", () -> {
                redis.opsForValue().set(createRedisKey(key), stored.encode(), Duration.ofSeconds(getExpiry()));
                return null;
            }));
        } catch (RejectedExecutionException full) {
            fallbacks.counted("remember");
        }
    }

    /** Drops a claim whose delivery could not be stored, so the platform's retry is not taken for a duplicate. */
    @Override
    public boolean remove(String key) {
        try {
            Future<Boolean> deleted = writer.submit(() -> fallbacks.call("forget", () -> redis.delete(createRedisKey(key))));
            return Boolean.TRUE.equals(deleted.get(2, TimeUnit.SECONDS));
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            fallbacks.counted("forget");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Deletes this hub's keys only, found with SCAN by the key prefix: the database is shared with the import
     * queue, the rate limits and other hubs' prefixes. Camel's own clear matches {@code *{name}:*}, which would
     * also take keys of a prefix that merely contains ours.
     */
    @Override
    public void clear() {
        ScanOptions ours = ScanOptions.scanOptions().match(globEscaped(prefix) + "*").count(CLEAR_BATCH).build();
        redis.execute((RedisCallback<Void>) connection -> {
            try (Cursor<byte[]> keys = connection.keyCommands().scan(ours)) {
                List<byte[]> batch = new ArrayList<>(CLEAR_BATCH);
                while (keys.hasNext()) {
                    batch.add(keys.next());
                    if (batch.size() == CLEAR_BATCH) {
                        delete(connection, batch);
                    }
                }
                delete(connection, batch);
            }
            return null;
        });
    }

    /** Refused: Camel's flush on start-up is a FLUSHDB, which would empty the import queue and the rate limits. */
    @Override
    public void setFlushOnStartup(boolean flushOnStartup) {
        if (flushOnStartup) {
            throw new UnsupportedOperationException("The idempotency keys share their Redis database; use clear()");
        }
    }

    /** The configured prefix as is ({@code order_dedup:} by default), where Camel would append a colon. */
    @Override
    protected String createRedisKey(String key) {
        return prefix + key;
    }

    /** How often Redis failed and the store's unique index decided alone. */
    public long fallbacks() {
        return fallbacks.total();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (writer.isShutdown()) {
            writer = newWriter();
        }
    }

    /** Writes what is still queued (up to two seconds) before the hub stops. */
    @Override
    protected void doStop() throws Exception {
        writer.shutdown();
        writer.awaitTermination(2, TimeUnit.SECONDS);
        super.doStop();
    }

    private static void delete(RedisConnection connection, List<byte[]> keys) {
        if (!keys.isEmpty()) {
            connection.keyCommands().del(keys.toArray(byte[][]::new));
            keys.clear();
        }
    }

    private static String globEscaped(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bounded: when Redis cannot keep up, an entry is dropped (counted as a fallback), never the heap filled. */
    private static ExecutorService newWriter() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(50_000), r -> {
            Thread thread = new Thread(r, "redis-dedup-writer");
            thread.setDaemon(true);
            return thread;
        });
    }
}
