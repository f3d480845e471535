package io.orderhub.idempotency;

import java.time.Instant;

/**
 * What the idempotency cache keeps per key, a few dozen bytes: either a claim by a delivery that is
 * being stored right now, or the stored order's id, first processing time and content digest. The digest
 * lets a redelivery of the same content be answered from the cache alone.
 */
public record CacheEntry(String orderId, Instant processedAt, String digest) {

    private static final String PENDING = "p";
    private static final String STORED = "s";

    public static CacheEntry pending(String digest) {
        return new CacheEntry(null, null, digest);
    }

    public boolean isStored() {
        return orderId != null;
    }

    public String encode() {
        return isStored()
                ? STORED + "|" + orderId + "|" + processedAt.toEpochMilli() + "|" + digest
                : PENDING + "|" + digest;
    }

    public static CacheEntry decode(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length == 4 && STORED.equals(parts[0])) {
            return new CacheEntry(parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2])), parts[3]);
        }
        return pending(parts.length > 1 ? parts[1] : "");
    }
}
