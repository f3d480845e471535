package io.orderhub.reconcile;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconciliation of stores with an {@code api} block, under {@code orderhub.reconcile.*}. Per-store settings
 * (interval, page size, first look-back) live in {@code orderhub.stores[].api}.
 *
 * @param lease how long one instance owns a store's run without storing a page; renewed with every page
 * @param overlap each run starts this long before the previous one ended, for clocks that disagree; orders
 *        read twice are duplicates, which change nothing
 * @param maxAttempts calls per API page before the run stops (429s count too)
 * @param initialBackoff pause after a failed call, doubled per attempt
 * @param maxRetryAfter a longer {@code Retry-After} than this stops the run rather than holding the lease
 * @param healthFlushInterval how often webhook arrival times go from memory to the store
 * @param staleAfterIntervals a store whose last webhook is older than this many intervals, while
 *        reconciliation finds missing orders, is flagged {@code webhooks_stale}
 * @param instanceId this instance's name on leases; blank makes one from the host name
 */
@Validated
@ConfigurationProperties("orderhub.reconcile")
public record ReconcileProperties(
        @DefaultValue("5m") Duration lease,
        @DefaultValue("1m") Duration overlap,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("4") @Min(1) int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("60s") Duration maxRetryAfter,
        @DefaultValue("10s") Duration healthFlushInterval,
        @DefaultValue("3") @Min(1) int staleAfterIntervals,
        String instanceId) {
}
