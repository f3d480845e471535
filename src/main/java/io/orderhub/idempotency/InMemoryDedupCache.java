package io.orderhub.idempotency;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The embedded default's cache: this process only, bounded, entries expire like Redis keys. */
public class InMemoryDedupCache implements DedupCache {

    private final Cache<String, CacheEntry> entries;

    public InMemoryDedupCache(Duration ttl, int maxEntries) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    @Override
    public Optional<CacheEntry> claim(String key, CacheEntry claim) {
        return Optional.ofNullable(entries.asMap().putIfAbsent(key, claim));
    }

    @Override
    public void remember(String key, CacheEntry stored) {
        entries.put(key, stored);
    }

    @Override
    public void forget(String key) {
        entries.invalidate(key);
    }
}
