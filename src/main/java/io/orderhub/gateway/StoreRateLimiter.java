package io.orderhub.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * A token bucket per store. It runs after authentication, so nobody can spend a real store's budget
 * with forged deliveries. A rate of 0 turns limiting off.
 */
@Component
public class StoreRateLimiter {

    private final double ratePerSecond;
    private final int burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public StoreRateLimiter(OrderHubProperties properties) {
        this.ratePerSecond = properties.gateway().ratePerStorePerSecond();
        this.burst = properties.gateway().rateBurstPerStore();
    }

    public void admit(String platform, String storeUid) {
        if (ratePerSecond <= 0) {
            return;
        }
        String key = platform + "_" + storeUid;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, System.nanoTime()));
        long waitNanos = bucket.take(ratePerSecond, burst, System.nanoTime());
        if (waitNanos > 0) {
            int retryAfter = (int) Math.max(1, Math.ceil(waitNanos / 1e9));
            throw new Problems.RateLimited(platform + "/" + storeUid, retryAfter);
        }
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
            return (long) ((1 - tokens) / rate * 1e9);
        }
    }
}
