package io.orderhub.idempotency;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;

/**
 * What the {@code order-store} stage needs of Camel's idempotent repository besides taking a key: the entry
 * found when the key was already taken, so a redelivery of the same content is answered from the cache without
 * a store round trip, and a way to record the stored order under its key. The cache is only ever the fast first
 * check: the store's unique index on (platform, store_uid, platform_order_id) has the final word, so a cache that
 * is empty, stale or down never creates a duplicate.
 *
 * @see RedisOrderIdempotentRepository
 * @see MemoryOrderIdempotentRepository
 */
public interface OrderIdempotentRepository extends IdempotentRepository {

    /** Exchange property holding the {@link CacheEntry} found for a key that was already taken. */
    String CACHED_ENTRY = "orderhubCachedEntry";

    /** What the idempotent consumer's body is: something with the digest of the content being imported. */
    interface Digested {
        String digest();
    }

    /** Takes the key with {@code claim}; answers the entry already there instead when the key was taken. */
    Optional<CacheEntry> claim(String key, CacheEntry claim);

    /** Records the stored order for the key (after a create, update or a store-confirmed duplicate). */
    void remember(String key, CacheEntry stored);

    /**
     * Takes the key with the digest of the body (a {@link Digested}); a taken key leaves its entry on the exchange
     * for the route.
     */
    @Override
    default boolean add(Exchange exchange, String key) {
        Optional<CacheEntry> found = claim(key, CacheEntry.pending(exchange.getMessage().getBody(Digested.class).digest()));
        found.ifPresent(entry -> exchange.setProperty(CACHED_ENTRY, entry));
        return found.isEmpty();
    }
}
