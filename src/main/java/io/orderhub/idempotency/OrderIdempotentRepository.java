package io.orderhub.idempotency;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Adapts the {@link DedupCache} to Camel's idempotent consumer. {@code add} claims the key with the
 * delivery's content digest; when the key was taken, the entry found is left on the exchange so the route
 * can answer a same-content redelivery from the cache without a store round trip.
 */
public class OrderIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    /** Exchange property holding the {@link CacheEntry} found for a key that was already taken. */
    public static final String CACHED_ENTRY = "orderhubCachedEntry";
    /** Exchange property holding the digest of the delivery being imported. */
    public static final String DIGEST = "orderhubDigest";

    private final DedupCache cache;

    public OrderIdempotentRepository(DedupCache cache) {
        this.cache = cache;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        String digest = exchange.getProperty(DIGEST, String.class);
        return cache.claim(key, CacheEntry.pending(digest)).map(existing -> {
            exchange.setProperty(CACHED_ENTRY, existing);
            return false;
        }).orElse(true);
    }

    @Override
    public boolean add(String key) {
        return cache.claim(key, CacheEntry.pending("")).isEmpty();
    }

    @Override
    public boolean contains(String key) {
        return false;
    }

    @Override
    public boolean remove(String key) {
        cache.forget(key);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        // The stored entry is written by the importer once it knows which order the key belongs to.
        return true;
    }

    @Override
    public void clear() {
        // Keys expire on their own; clearing a shared cache from one instance would only cost store round trips.
    }
}
