package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The dashboard does not drift from the store: what the import stored without the dashboard hearing of it
 * (its events dropped, or lost with a killed import process) is caught up by the periodic resync, and every
 * connected client gets a fresh snapshot.
 */
@HubTest
@TestPropertySource(properties = "orderhub.dashboard.resync-interval=300ms")
class DashboardResyncTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    DashboardSockets sockets;

    @Autowired
    MongoDatabase orderhubDatabase;

    @Autowired
    MeterRegistry meters;

    @Test
    void whatTheStoreGotBehindTheDashboardsBackReachesItsClientsAsAFreshSnapshot() {
        Answer imported = hub().post(Deliveries.withFields(Fixture.named("s01_orders_create_paid_two_items"),
                // An order of its own: another test class may have imported the fixture's order into the shared Redis.
                body -> body.put("id", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L))));
        assertThat(imported.status()).isEqualTo(201);
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), "test-dashboard-token")) {
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("snapshot");

            StoredCounters.changeBehindTheDashboard(orderhubDatabase, imported.field("order_id"));

            JsonNode caughtUp = client.awaitFrame(frame -> "snapshot".equals(frame.path("type").asText())
                    && frame.path("counters").path("dead_lettered").asLong() == 1, WAIT);
            assertThat(caughtUp.path("orders").findValuesAsText("order_id"))
                    .contains(imported.field("order_id") + "z");
            StoredCounters.awaitShownAsStored(orderhubDatabase, sockets.port(), WAIT);
            assertThat(meters.counter("orderhub.dashboard.resyncs", "outcome", "changed").count()).isPositive();
        }
    }
}
