package io.orderhub.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared cache of a multi-instance hub: {@code order_dedup:{key}} in Redis with the configured expiry.
 * A claim is one round trip ({@code SET key value NX GET EX ttl}, Redis 7): it either takes the key or
 * returns what is there. When Redis fails the cache steps aside and the store's unique index decides.
 */
public class RedisDedupCache implements DedupCache {

    private static final Logger log = LoggerFactory.getLogger(RedisDedupCache.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Expiration expiration;
    private final Duration ttl;
    private final AtomicLong fallbacks = new AtomicLong();

    public RedisDedupCache(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.expiration = Expiration.from(ttl);
    }

    @Override
    public Optional<CacheEntry> claim(String key, CacheEntry claim) {
        try {
            byte[] redisKey = (prefix + key).getBytes(StandardCharsets.UTF_8);
            byte[] value = claim.encode().getBytes(StandardCharsets.UTF_8);
            byte[] previous = redis.execute((RedisCallback<byte[]>) connection -> connection.stringCommands()
                    .setGet(redisKey, value, expiration, SetOption.SET_IF_ABSENT));
            return previous == null ? Optional.empty()
                    : Optional.of(CacheEntry.decode(new String(previous, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            fellBack("claim", e);
            return Optional.empty();
        }
    }

    @Override
    public void remember(String key, CacheEntry stored) {
        try {
            redis.opsForValue().set(prefix + key, stored.encode(), ttl);
        } catch (RuntimeException e) {
            fellBack("remember", e);
        }
    }

    @Override
    public void forget(String key) {
        try {
            redis.delete(prefix + key);
        } catch (RuntimeException e) {
            fellBack("forget", e);
        }
    }

    /** How often Redis failed and the store's unique index decided alone. */
    public long fallbacks() {
        return fallbacks.get();
    }

    private void fellBack(String operation, RuntimeException e) {
        long n = fallbacks.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            log.warn("Redis {} failed ({} times so far); duplicates are checked by the store's unique index: {}",
                    operation, n, e.toString());
        }
    }
}
