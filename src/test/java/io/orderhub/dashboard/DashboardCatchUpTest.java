package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An import instance that had to drop events says so with its next accepted post, and the dashboard catches
 * up from the store at once, without waiting for (here: without) the periodic resync.
 */
@HubTest
@TestPropertySource(properties = "orderhub.dashboard.resync-interval=0s")
class DashboardCatchUpTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "test-dashboard-token";

    @Autowired
    DashboardSockets sockets;

    @Autowired
    MongoDatabase orderhubDatabase;

    @Test
    void aFeedBatchReportingDroppedEventsMakesTheDashboardCatchUpFromTheStore() {
        Answer imported = hub().post(Deliveries.withFields(Fixture.named("w01_order_created_processing"),
                // An order of its own: another test class may have imported the fixture's order into the shared Redis.
                body -> body.put("id", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L))));
        assertThat(imported.status()).isEqualTo(201);
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), TOKEN)) {
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("snapshot");
            StoredCounters.changeBehindTheDashboard(orderhubDatabase, imported.field("order_id"));
            assertThat(post(Map.of()).status()).isEqualTo(202);
            assertThat(client.framesWithin(Duration.ofSeconds(1))).as("no drops reported, no resync")
                    .noneMatch(frame -> "snapshot".equals(frame.path("type").asText()));

            assertThat(post(Map.of(DashboardResync.DROPPED_HEADER, "3")).status()).isEqualTo(202);

            JsonNode caughtUp = client.awaitFrame(frame -> "snapshot".equals(frame.path("type").asText()), WAIT);
            assertThat(caughtUp.path("counters").path("dead_lettered").asLong()).isEqualTo(1);
            assertThat(caughtUp.path("orders").findValuesAsText("order_id")).contains(imported.field("order_id") + "z");
            StoredCounters.awaitShownAsStored(orderhubDatabase, sockets.port(), WAIT);
        }
    }

    /** An empty batch, as the import's feed posts it, with the given extra headers. */
    private Answer post(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + TOKEN);
        return hub().request("POST", "/dashboard/events", all, "[]");
    }
}
