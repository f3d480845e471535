package io.orderhub.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a user changes about the hub, under {@code orderhub.*} (see CONTRACT.md). Defaults are the
 * embedded default: one process with every role, an embedded store under {@code ./data}, an in-memory
 * idempotency cache.
 */
@Validated
@ConfigurationProperties("orderhub")
public record OrderHubProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue({"import", "partner", "dashboard"}) Set<String> roles,
        Map<String, PlatformSettings> platforms,
        @Valid List<StoreSettings> stores,
        @DefaultValue @Valid Gateway gateway,
        @DefaultValue @Valid Idempotency idempotency,
        @DefaultValue @Valid Store store,
        @DefaultValue @Valid Queue queue,
        @DefaultValue @Valid Hydration hydration,
        @DefaultValue Admin admin,
        @DefaultValue Mappings mappings) {

    public OrderHubProperties {
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
        stores = stores == null ? List.of() : List.copyOf(stores);
    }

    /** Per-platform defaults; a store's own settings win. */
    public record PlatformSettings(String webhookSecret, String apiBaseUrl, String accessToken) {
    }

    /** One merchant store: the platform's stable store identifier and its secrets. */
    public record StoreSettings(
            @NotBlank String platform,
            @NotBlank String storeUid,
            String webhookSecret,
            String accessToken,
            String apiBaseUrl,
            @Valid StoreApi api) {

        @Override
        public String toString() {
            return "StoreSettings[" + platform + "/" + storeUid + ", api=" + api + ", secrets masked]";
        }
    }

    /**
     * A store's order API, which reconciliation reads to find orders its webhooks missed. Absent or
     * {@code enabled: false}: the store is not reconciled. Secrets are masked in {@link #toString()}.
     *
     * @param baseUrl the API's root (each platform's page under docs/platforms, and docs/reconciliation.md); blank
     *        takes the platform's default (the shop domain, the site, the platform's public API); thin platforms
     *        hydrate the pulled orders from it too
     * @param accessToken the API token (Shopify Admin API, Magento integration, Wix API key…); blank takes the
     *        store's {@code access-token}
     * @param consumerKey WooCommerce REST consumer key, sent with the secret as HTTP basic auth
     * @param interval how often the store is reconciled; the first run comes one interval after start
     * @param pageSize orders per API page
     * @param initialLookback how far back the first run (no checkpoint yet) looks
     * @param apiVersion Shopify Admin API version
     */
    public record StoreApi(
            boolean enabled,
            String baseUrl,
            String accessToken,
            String consumerKey,
            String consumerSecret,
            @DefaultValue("10m") Duration interval,
            @DefaultValue("50") @Min(1) int pageSize,
            @DefaultValue("24h") Duration initialLookback,
            @DefaultValue("2025-10") String apiVersion) {

        @Override
        public String toString() {
            return "StoreApi[enabled=" + enabled + ", baseUrl=" + baseUrl + ", interval=" + interval + ", pageSize="
                    + pageSize + ", secrets masked]";
        }
    }

    /**
     * The checks every delivery passes before its platform route sees it. With the Redis idempotency cache the
     * stores' buckets are shared by the whole hub in Redis; after a Redis failure each instance uses its own
     * bucket for {@code rateRedisBackoff} before it tries Redis again.
     */
    public record Gateway(
            @DefaultValue("1048576") @Min(1) int maxBodyBytes,
            @DefaultValue("500") @Min(0) double ratePerStorePerSecond,
            @DefaultValue("1000") @Min(1) int rateBurstPerStore,
            @DefaultValue("1s") Duration rateRedisBackoff) {
    }

    /**
     * The idempotency cache in front of the store's unique index. {@code memory} keeps keys in this
     * process (the embedded default); {@code redis} shares them between instances through
     * {@code spring.data.redis.*}.
     */
    public record Idempotency(
            @DefaultValue("memory") CacheKind cache,
            @DefaultValue("order_dedup:") String keyPrefix,
            @DefaultValue("1h") Duration ttl,
            @DefaultValue("200000") @Min(1) int memoryMaxEntries,
            @DefaultValue @Valid Breaker breaker) {
    }

    /**
     * The circuit breaker around Redis calls: it opens when at least {@code failureRatePercent} of the last
     * {@code slidingWindowCalls} failed (after {@code minimumCalls}), and lets calls through again after
     * {@code waitInOpen}. The per-call timeout is {@code spring.data.redis.timeout}.
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) int failureRatePercent,
            @DefaultValue("20") @Min(1) int slidingWindowCalls,
            @DefaultValue("10") @Min(1) int minimumCalls,
            @DefaultValue("5s") Duration waitInOpen) {
    }

    public enum CacheKind { MEMORY, REDIS }

    /**
     * Where orders are stored. With no {@code uri} the hub starts its embedded MongoDB-wire store
     * (files under {@code data-dir}, or memory only when {@code data-dir} is blank).
     */
    public record Store(
            String uri,
            @DefaultValue("orderhub") String database,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("2s") Duration serverSelectionTimeout,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration socketTimeout,
            @DefaultValue @Valid GroupCommit groupCommit) {
    }

    /**
     * New orders arriving together are stored together: one {@code insertMany} of at most {@code maxBatch}
     * documents, collected for at most {@code linger}, one sync, then every request is answered. {@code writers}
     * batches are in flight at once (one being written while another waits for its sync).
     */
    public record GroupCommit(
            @DefaultValue("256") @Min(1) int maxBatch,
            @DefaultValue("2ms") Duration linger,
            @DefaultValue("2") @Min(1) int writers) {
    }

    /**
     * Where a delivery goes when the store is unavailable: a Redis stream ({@code redis}, the default when
     * the idempotency cache is Redis) or an fsynced spool file under {@code data-dir} ({@code spool}).
     * The recovery route drains it every {@code drainInterval}, oldest first, through the idempotent path.
     */
    public record Queue(
            @DefaultValue("auto") QueueKind kind,
            @DefaultValue("orderhub:import-queue") String redisKey,
            @DefaultValue("1s") Duration drainInterval,
            @DefaultValue("100") @Min(1) int drainBatch) {
    }

    public enum QueueKind { AUTO, REDIS, SPOOL }

    /** Calls to platform APIs that hydrate thin events (BigCommerce). */
    public record Hydration(
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("30") int retryAfterSeconds) {
    }

    /**
     * Where the mapping files are: the jar's own by default, or a directory operators edit and reload.
     * {@code custom-location} holds one file per store of the generic {@code custom} platform, named
     * {@code <store_uid>.jslt}.
     */
    public record Mappings(
            @DefaultValue("classpath*:mappings/*.jslt") String location,
            @DefaultValue("classpath*:mappings/custom/*.jslt") String customLocation) {
    }

    /** The operator credential and the secret that signs customers' tracking links. */
    public record Admin(String apiKey, String trackingSecret) {
    }
}
