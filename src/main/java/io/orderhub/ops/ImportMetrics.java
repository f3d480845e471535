package io.orderhub.ops;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * What operators count on the import path: every answer by platform and outcome (refusals by reason), and
 * the time from receipt to answer. Meters are looked up per call from the registry's cache, which is cheap
 * and keeps the tag sets bounded (platforms, the contract's outcomes, problem types).
 */
@Component
public record ImportMetrics(MeterRegistry meters) {

    public static final String IMPORTS = "orderhub.imports";
    public static final String LATENCY = "orderhub.import.latency";
    public static final String CACHE = "orderhub.idempotency.cache";

    /** An answer to a delivery: outcome is the contract's status, or {@code rejected} with the problem type. */
    public void answered(String platform, String outcome, String reason, Instant receivedAt) {
        String tagPlatform = platform == null ? "unknown" : platform;
        Counter.builder(IMPORTS).description("Deliveries answered, by platform and outcome")
                .tag("platform", tagPlatform).tag("outcome", outcome).tag("reason", reason == null ? "none" : reason)
                .register(meters).increment();
        if (receivedAt != null) {
            Timer.builder(LATENCY).description("From receipt of a delivery to its answer").tag("platform", tagPlatform)
                    .publishPercentileHistogram().register(meters)
                    .record(Duration.between(receivedAt, Instant.now()));
        }
    }

    /** How the idempotency cache served a delivery: hit (answered from it), known (went to the store), miss. */
    public void cache(String result) {
        Counter.builder(CACHE).description("Idempotency cache look-ups by result").tag("result", result)
                .register(meters).increment();
    }
}
