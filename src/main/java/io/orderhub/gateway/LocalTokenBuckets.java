package io.orderhub.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The buckets in this process's memory: the limit of the embedded default, and of each instance while the
 * hub's shared buckets in Redis cannot be reached.
 */
public class LocalTokenBuckets implements TokenBuckets {

    private final double ratePerSecond;
    private final int burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LocalTokenBuckets(double ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    @Override
    public long take(String store) {
        Bucket bucket = buckets.computeIfAbsent(store, k -> new Bucket(burst, System.nanoTime()));
        long waitNanos = bucket.take(ratePerSecond, burst, System.nanoTime());
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999) / 1_000_000);
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        /** Takes one token; returns 0 when admitted, else how long until a token is there. */
        synchronized long take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) * rate / 1e9);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) ((1 - tokens) / rate * 1e9));
        }
    }
}
