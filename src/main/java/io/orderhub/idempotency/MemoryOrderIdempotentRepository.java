package io.orderhub.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * The embedded default's repository: Camel's memory repository over a bounded Caffeine map whose entries expire
 * like the Redis keys, so a long-running single hub neither grows without bound nor keeps keys for ever.
 */
public class MemoryOrderIdempotentRepository extends MemoryIdempotentRepository implements OrderIdempotentRepository {

    private final ConcurrentMap<String, Object> entries;

    public MemoryOrderIdempotentRepository(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, Ticker.systemTicker());
    }

    /** With the clock the expiry is measured on, so a test can move it. */
    MemoryOrderIdempotentRepository(Duration ttl, int maxEntries, Ticker ticker) {
        this(Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker)
                .<String, Object>build().asMap());
    }

    private MemoryOrderIdempotentRepository(ConcurrentMap<String, Object> entries) {
        super(entries);
        this.entries = entries;
    }

    /** Atomic on the concurrent map, so it needs none of the parent's locking. */
    @Override
    public Optional<CacheEntry> claim(String key, CacheEntry claim) {
        return Optional.ofNullable((CacheEntry) entries.putIfAbsent(key, claim));
    }

    /** Overridden so that every write of a key is one atomic map operation (the parent checks, then puts). */
    @Override
    public boolean add(String key) {
        return claim(key, CacheEntry.pending("")).isEmpty();
    }

    @Override
    public void remember(String key, CacheEntry stored) {
        entries.put(key, stored);
    }
}
