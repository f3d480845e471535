package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances behind one load balancer share a store and Redis: a browser connected to one sees the
 * orders imported on the other, each exactly once.
 */
class TwoInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static EmbeddedMongoStore store;
    private static HubProcess instanceA;
    private static HubProcess instanceB;

    @BeforeAll
    static void startTwoInstances() {
        TestRedis.flush();
        store = EmbeddedMongoStore.start("", 0);
        instanceA = HubProcess.start(store.connectionString(), null, Map.of("orderhub.dashboard.websocket-port", "0"));
        instanceB = HubProcess.start(store.connectionString(), null, Map.of("orderhub.dashboard.websocket-port", "0"));
    }

    @AfterAll
    static void stop() {
        for (HubProcess instance : new HubProcess[] {instanceA, instanceB}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aClientOnOneInstanceReceivesAnOrderImportedOnTheOtherExactlyOnce() {
        try (DashboardSocket onA = DashboardSocket.connect(instanceA.bean(DashboardSockets.class).port(),
                "test-dashboard-token")) {
            assertThat(onA.next(WAIT).path("type").asText()).isEqualTo("snapshot");

            Answer imported = instanceB.client().post(Fixture.named("s01_orders_create_paid_two_items").last());
            assertThat(imported.status()).as("%s", imported).isEqualTo(201);
            String orderId = imported.field("order_id");

            JsonNode event = onA.awaitFrame(f -> "order.created".equals(f.path("type").asText())
                    && orderId.equals(f.path("order_id").asText()), WAIT);
            assertThat(event.path("platform").asText()).isEqualTo("shopify");
            assertThat(createdFramesFor(onA, orderId, Duration.ofMillis(700))).as("the event arrives once").isZero();
        }
    }

    /** How many more order.created frames for the order arrive within the time (delivery changes may too). */
    private static long createdFramesFor(DashboardSocket socket, String orderId, Duration within) {
        return socket.framesWithin(within).stream().filter(f -> "order.created".equals(f.path("type").asText())
                && orderId.equals(f.path("order_id").asText())).count();
    }
}
