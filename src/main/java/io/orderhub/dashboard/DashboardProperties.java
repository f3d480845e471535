package io.orderhub.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator dashboard (CONTRACT.md, "The dashboard"): its credential, its WebSocket, what a late client
 * gets first, and how the import role feeds it.
 *
 * @param token          the operator credential for the page, the WebSocket and {@code POST /dashboard/events};
 *                       blank makes a random one per process (printed at start), which suits one process only
 * @param websocketPort  the WebSocket's port; 0 picks a free one at start (tests)
 * @param baseUrl        where the import role posts its events; blank is this process's own {@code server.port}
 * @param snapshotSize   how many of the latest orders a connecting client gets first
 * @param batchSize      most events in one post from import to dashboard
 * @param batchInterval  longest an event waits for its batch to fill
 * @param outboxSize     events waiting to be posted; beyond it new events are dropped and counted
 * @param connectTimeout connecting to the dashboard role
 * @param requestTimeout one post to the dashboard role
 * @param fanOut         {@code auto} (Redis when {@code orderhub.idempotency.cache=redis}), {@code redis} or {@code local}
 * @param channel        the Redis pub/sub channel every instance of one hub shares
 * @param storesInterval how often the store list's webhook health is read again (snapshot, {@code GET /dashboard/stores})
 *                       and how often the page asks for it
 * @param resyncInterval how often the dashboard rebuilds its counters and latest orders from the store, so
 *                       that events the import role dropped (dashboard down, outbox full, import killed) do not
 *                       leave it drifting; 0 turns the periodic resync off (a feed batch that reports dropped
 *                       events still starts one)
 * @param publicWebsocketPort the port the page connects its WebSocket to: absent is {@code websocketPort};
 *                       0 is the page's own host and port (a reverse proxy forwards {@code /dashboard} with the
 *                       Upgrade headers to {@code websocketPort}); any other value that port on the page's host
 * @param subscribeRetry how often a dashboard that started while Redis was down tries again to subscribe to
 *                       {@code channel}; meanwhile it shows the events posted to it and catches up by resync
 */
@Validated
@ConfigurationProperties("orderhub.dashboard")
public record DashboardProperties(
        String token,
        @DefaultValue("8081") @Min(0) @Max(65535) int websocketPort,
        String baseUrl,
        @DefaultValue("100") @Min(1) @Max(1000) int snapshotSize,
        @DefaultValue("100") @Min(1) int batchSize,
        @DefaultValue("100ms") Duration batchInterval,
        @DefaultValue("10000") @Min(1) int outboxSize,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("2s") Duration requestTimeout,
        @DefaultValue("auto") FanOut fanOut,
        @DefaultValue("orderhub:dashboard:events") String channel,
        @DefaultValue("10s") Duration storesInterval,
        @DefaultValue("1m") Duration resyncInterval,
        @Min(0) @Max(65535) Integer publicWebsocketPort,
        @DefaultValue("2s") Duration subscribeRetry) {

    public enum FanOut { AUTO, REDIS, LOCAL }

    /** The page connects to its own origin: one public port, a reverse proxy in front of the WebSocket. */
    public boolean websocketSameOrigin() {
        return publicWebsocketPort != null && publicWebsocketPort == 0;
    }
}
