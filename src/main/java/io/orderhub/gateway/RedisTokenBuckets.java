package io.orderhub.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One bucket per store for the whole hub, in Redis at {@code {prefix}rate:{platform}_{store_uid}}: every import
 * instance takes from it, so a store gets its configured rate however many instances serve it. One script
 * refills, takes and sets the expiry atomically (EVALSHA).
 *
 * <p>When Redis fails the call is decided by this instance's own bucket (the store then gets the rate per
 * instance, as before the buckets were shared) and counted in {@link #FALLBACKS}: a rate limit must never
 * refuse orders because Redis is down. For {@code backoff} after a failure every call goes to the local
 * bucket at once, then one call tries Redis again, so an outage does not cost each request a Redis timeout.
 */
public class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    /** Meter name: calls decided by the local bucket because Redis failed or was backed off from. */
    public static final String FALLBACKS = "orderhub.gateway.rate_limit.fallbacks";
    private static final RedisScript<Long> TAKE = RedisScript.of(new ClassPathResource("redis/store-rate-limit.lua"), Long.class);
    private static final long REDIS_UP = Long.MIN_VALUE;

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final String rate;
    private final String burst;
    private final String expiryMillis;
    private final long backoffNanos;
    private final TokenBuckets local;
    private final Counter fallbacks;
    /** {@link #REDIS_UP}, or the nanoTime after which Redis is tried again. */
    private final AtomicLong retryRedisAt = new AtomicLong(REDIS_UP);
    private final AtomicBoolean outage = new AtomicBoolean();

    public RedisTokenBuckets(StringRedisTemplate redis, String keyPrefix, double ratePerSecond, int burst,
            Duration backoff, TokenBuckets local, MeterRegistry meters) {
        this.redis = redis;
        this.keyPrefix = keyPrefix + "rate:";
        this.rate = Double.toString(ratePerSecond);
        this.burst = Integer.toString(burst);
        this.expiryMillis = Long.toString((long) Math.ceil(burst * 1000 / ratePerSecond) + 1000);
        this.backoffNanos = backoff.toNanos();
        this.local = local;
        this.fallbacks = Counter.builder(FALLBACKS)
                .description("Store rate limit calls decided by the instance's own bucket because Redis failed")
                .register(meters);
    }

    @Override
    public long take(String store) {
        long now = System.nanoTime();
        if (!redisMayAnswer(now)) {
            return fallback(store);
        }
        try {
            Long wait = redis.execute(TAKE, List.of(keyPrefix + store), rate, burst, expiryMillis);
            redisAnswered();
            return wait == null ? 0 : wait;
        } catch (RuntimeException e) {
            redisFailed(now, e);
            return fallback(store);
        }
    }

    /** Redis is up, or the back-off is over and this call is the one (of those arriving together) that tries it. */
    private boolean redisMayAnswer(long now) {
        long retryAt = retryRedisAt.get();
        return retryAt == REDIS_UP || (now - retryAt >= 0 && retryRedisAt.compareAndSet(retryAt, now + backoffNanos));
    }

    private void redisAnswered() {
        retryRedisAt.set(REDIS_UP);
        if (outage.compareAndSet(true, false)) {
            log.info("Redis answers again: store rate limits are shared by the whole hub again");
        }
    }

    private void redisFailed(long now, RuntimeException e) {
        retryRedisAt.set(now + backoffNanos);
        if (outage.compareAndSet(false, true)) {
            log.warn("Redis failed: store rate limits are per instance until it answers again: {}", e.toString());
        }
    }

    private long fallback(String store) {
        fallbacks.increment();
        return local.take(store);
    }
}
