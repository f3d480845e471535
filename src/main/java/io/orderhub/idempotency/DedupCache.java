package io.orderhub.idempotency;

import java.util.Optional;

/**
 * The fast first check of the idempotent consumer. It is only ever an optimisation: the store's unique
 * index on (platform, store_uid, platform_order_id) has the final word, so a cache that is empty, stale
 * or down never creates a duplicate.
 */
public interface DedupCache {

    /** Claims the key; returns the entry already there instead when someone else holds it. */
    Optional<CacheEntry> claim(String key, CacheEntry claim);

    /** Records the stored order for the key (after a create, update or a store-confirmed duplicate). */
    void remember(String key, CacheEntry stored);

    /** Drops a claim whose delivery could not be stored, so the platform's retry is not taken for a duplicate. */
    void forget(String key);
}
