package io.orderhub.gateway;

import io.orderhub.problem.Problems;

/**
 * The per-store rate limit of the gateway. It runs after authentication, so nobody can spend a real store's
 * budget with forged deliveries. Where the buckets live is {@link RateLimitConfiguration}'s choice.
 */
public class StoreRateLimiter {

    private final TokenBuckets buckets;

    public StoreRateLimiter(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    public void admit(String platform, String storeUid) {
        long waitMillis = buckets.take(platform + "_" + storeUid);
        if (waitMillis > 0) {
            int retryAfter = (int) Math.max(1, (waitMillis + 999) / 1000);
            throw new Problems.RateLimited(platform + "/" + storeUid, retryAfter);
        }
    }
}
