package io.orderhub.assignment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partner assignment by the import role, under {@code orderhub.assignment.*}. Defaults are the seed's
 * timeline: 30 s of normal attempts, then a choice, 60 s more on "wait", then background.
 *
 * @param initialSearch normal attempts ({@code assigning}) before the customer is offered wait or cancel
 * @param extendedSearch attempts after the customer chose to wait ({@code extended_search})
 * @param retryInterval pause between attempts outside background
 * @param decisionTimeout a customer who does not answer a choice in this time is moved to background
 * @param background retries once in background
 * @param breaker the circuit breaker around every Partner Service call
 * @param extendedOutage once the breaker has been open this long, orders go to {@code defaultPartnerId}
 *        flagged {@code needs_review}
 * @param defaultPartnerId the partner of an extended outage
 * @param lease how long one instance owns a pending order while working it
 * @param pollInterval how often each instance looks for due pending orders in the store
 * @param pollBatch at most this many due orders per poll
 * @param workers threads working on new orders' first attempts (the poll uses Camel's default pool)
 * @param batchSize new orders taken together for their first attempt: one claim, one Partner Service call and one
 *        write of the outcomes for all of them
 * @param batchWait how long a batch of new orders waits to fill before it goes as it is
 * @param instanceId this instance's name on leases; blank makes a random one
 */
@Validated
@ConfigurationProperties("orderhub.assignment")
public record AssignmentProperties(
        @DefaultValue("30s") Duration initialSearch,
        @DefaultValue("60s") Duration extendedSearch,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue("2m") Duration decisionTimeout,
        @DefaultValue @Valid Background background,
        @DefaultValue @Valid Breaker breaker,
        @DefaultValue("5m") Duration extendedOutage,
        @DefaultValue("hub-fallback-courier") @NotBlank String defaultPartnerId,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("50") @Min(1) int pollBatch,
        @DefaultValue("4") @Min(1) int workers,
        @DefaultValue("64") @Min(1) int batchSize,
        @DefaultValue("20ms") Duration batchWait,
        String instanceId) {

    /**
     * Background retries: the pause starts at {@code initialBackoff} and grows by {@code multiplier} up to
     * {@code maxBackoff}; after {@code giveUpAfter} in background the delivery is {@code failed}.
     */
    public record Background(
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("2.0") @Min(1) double multiplier,
            @DefaultValue("15m") Duration maxBackoff,
            @DefaultValue("24h") Duration giveUpAfter) {
    }

    /**
     * The Resilience4j circuit breaker: each call times out after {@code callTimeout}; the breaker opens when
     * {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls (at least
     * {@code minimumCalls}) failed, stays open {@code openWait}, then lets {@code halfOpenCalls} trial calls.
     */
    public record Breaker(
            @DefaultValue("2s") Duration callTimeout,
            @DefaultValue("50") @Min(1) @Max(100) float failureRateThreshold,
            @DefaultValue("10") @Min(1) int slidingWindowSize,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("30s") Duration openWait,
            @DefaultValue("1") @Min(1) int halfOpenCalls) {
    }
}
