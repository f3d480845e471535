package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.HubProcess;
import io.orderhub.support.Poll;
import io.orderhub.support.RedisServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A dashboard restarted while its Redis (a {@code redis-server} of this test's own) is down starts all the same,
 * and takes up its subscription once Redis answers: batches another instance publishes reach its clients again.
 */
@Tag("fault")
class DashboardRedisOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CHANNEL = "dashboard-outage-test:events";

    @Test
    void aDashboardStartedWhileRedisIsDownSubscribesOnceRedisAnswers() {
        try (RedisServerProcess redis = RedisServerProcess.start();
                EmbeddedMongoStore store = EmbeddedMongoStore.start("", 0)) {
            redis.kill();
            try (HubProcess dashboard = HubProcess.start(store.connectionString(), null, Map.of(
                    "orderhub.roles", "dashboard",
                    "orderhub.dashboard.fan-out", "redis",
                    "orderhub.dashboard.channel", CHANNEL,
                    "orderhub.dashboard.subscribe-retry", "200ms",
                    "spring.data.redis.port", String.valueOf(redis.port()),
                    "spring.data.redis.database", "0"));
                    DashboardSocket client = DashboardSocket.connect(dashboard.bean(DashboardSockets.class).port(),
                            "test-dashboard-token")) {
                assertThat(client.next(WAIT).path("type").asText()).isEqualTo("snapshot");

                redis.startAgain();
                long subscribers = Poll.until(Duration.ofSeconds(20), () -> publish(redis, batch("o-after-outage")), n -> n > 0);
                assertThat(subscribers).as("dashboards subscribed to the channel").isEqualTo(1);

                JsonNode event = client.awaitFrame(f -> "o-after-outage".equals(f.path("order_id").asText()), WAIT);
                assertThat(event.path("type").asText()).isEqualTo("order.created");
            }
        }
    }

    /** What another instance's DashboardFanOut publishes: the batch as posted to it, a JSON array of events. */
    private static String batch(String orderId) {
        return """
                [{"type":"order.created","order_id":"%s","platform":"shopify","store_uid":"outage.example.com",\
                "order_number":"1001","total":"10.00","currency":"EUR","financial_status":"paid",\
                "delivery_status":"pending","partner_id":null,"at":"2026-01-01T00:00:00Z"}]""".formatted(orderId);
    }

    private static long publish(RedisServerProcess redis, String message) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port() + "/0");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().publish(CHANNEL, message);
        } finally {
            client.shutdown();
        }
    }
}
