package io.orderhub.idempotency;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency cache's Redis calls, through a circuit breaker: a call that fails or times out
 * ({@code spring.data.redis.timeout}), or finds the breaker open, steps aside (answers null) and counts in
 * {@link #FALLBACKS}, so a Redis outage never refuses an order; the store's unique index then decides alone.
 * The breaker stops calling a Redis that keeps failing and lets a few calls through after a while, so the
 * cache fills again as soon as Redis is back.
 */
class RedisFallbacks {

    private static final Logger log = LoggerFactory.getLogger(RedisFallbacks.class);
    /** Meter name: calls answered without Redis, tagged by operation. */
    static final String FALLBACKS = "orderhub.idempotency.fallbacks";

    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    RedisFallbacks(CircuitBreaker breaker, MeterRegistry meters, String... operations) {
        this.breaker = breaker;
        this.meters = meters;
        for (String operation : operations) {
            counter(operation);
        }
    }

    /** The Redis call through the breaker; on any failure, or with the breaker open, null (step aside). */
    <T> T call(String operation, Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            counted(operation);
            return null;
        } catch (RuntimeException e) {
            counted(operation);
            long n = total();
            if (n == 1 || n % 1000 == 0) {
                log.warn("Redis {} failed ({} fallbacks so far, breaker {}); duplicates are checked by the store's "
                        + "unique index: {}", operation, n, breaker.getState(), e.toString());
            }
            return null;
        }
    }

    /** Counts a call that never reached Redis (e.g. its write queue was full). */
    void counted(String operation) {
        counter(operation).increment();
    }

    /** How often Redis failed and the store's unique index decided alone. */
    long total() {
        return (long) meters.find(FALLBACKS).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(String operation) {
        return Counter.builder(FALLBACKS).tag("operation", operation)
                .description("Idempotency cache calls that stepped aside because Redis failed or its breaker was open")
                .register(meters);
    }
}
