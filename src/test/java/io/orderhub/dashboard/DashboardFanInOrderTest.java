package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Batches fanned out through Redis reach the browsers in the order they were posted: an order's delivery change
 * never overtakes its creation (a browser counts an order as new only on its creation event). A clean-clone CI
 * run saw it happen when the subscription ran each message on a thread of its own.
 */
@HubTest
class DashboardFanInOrderTest extends HubTestSupport {

    private static final String TOKEN = "test-dashboard-token";
    private static final int BATCHES = 1000;

    @Autowired
    DashboardSockets sockets;

    @Autowired
    DashboardFanOut fanOut;

    @Autowired
    ObjectMapper json;

    @Test
    void batchesPostedOneAfterAnotherAreBroadcastInThatOrder() throws Exception {
        assertThat(fanOut.viaRedis()).as("the test profile fans out through Redis").isTrue();
        String run = "ord_fanin_" + System.nanoTime() + "_";
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), TOKEN)) {
            assertThat(client.next(Duration.ofSeconds(10)).path("type").asText()).isEqualTo("snapshot");

            for (int i = 0; i < BATCHES; i++) {
                String type = i % 2 == 0 ? "order.created" : "delivery.changed";
                DashboardEvent event = new DashboardEvent(type, run + i / 2, "shopify", "fanin", "#" + i, "1.00", "USD",
                        "paid", i % 2 == 0 ? "pending" : "assigned", null, Instant.now().toString());
                // Straight to the fan-out, as POST /dashboard/events hands it on: one after another, quickly.
                fanOut.publish(json.writeValueAsString(List.of(event)));
            }

            List<Integer> seen = new ArrayList<>();
            while (seen.size() < BATCHES) {
                JsonNode frame = client.awaitFrame(f -> f.path("order_id").asText().startsWith(run), Duration.ofSeconds(10));
                seen.add(Integer.parseInt(frame.path("order_number").asText().substring(1)));
            }
            assertThat(seen).as("the batches' numbers as broadcast").isSorted().doesNotHaveDuplicates();
        }
    }
}
