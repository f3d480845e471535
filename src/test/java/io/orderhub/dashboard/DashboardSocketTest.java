package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.orderhub.support.Poll;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard's WebSocket as CONTRACT.md describes it: the token, the snapshot first, then the events. */
@HubTest
class DashboardSocketTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    DashboardSockets sockets;

    @Autowired
    DashboardState state;

    @Test
    void aSocketWithoutTheTokenIsClosedAsAPolicyViolation() {
        try (DashboardSocket missing = DashboardSocket.connect(sockets.port(), null);
                DashboardSocket wrong = DashboardSocket.connect(sockets.port(), "not-the-token")) {
            assertThat(missing.closeCode(WAIT)).isEqualTo(1008);
            assertThat(wrong.closeCode(WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void aClientGetsTheSnapshotFirstThenEveryImportedOrder() {
        Answer first = hub().post(Fixture.named("s06_discount_code_and_tax").last());
        awaitInSnapshot(first.field("order_id"));
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), "test-dashboard-token")) {
            JsonNode snapshot = client.next(WAIT);
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.path("orders").findValuesAsText("order_id")).contains(first.field("order_id"));
            assertThat(snapshot.path("counters").path("by_platform").path("shopify").asLong()).isPositive();
            assertThat(snapshot.path("counters").path("per_minute")).hasSize(60);

            Answer created = hub().post(Fixture.named("w06_coupon_and_tax").last());
            JsonNode event = client.awaitFrame(e -> created.field("order_id").equals(e.path("order_id").asText()), WAIT);

            assertThat(event.path("type").asText()).isEqualTo("order.created");
            assertThat(event.path("platform").asText()).isEqualTo("woocommerce");
            assertThat(event.path("store_uid").asText()).isNotBlank();
            assertThat(event.path("order_number").asText()).isNotBlank();
            assertThat(event.path("total").asText()).matches("\\d+\\.\\d+");
            assertThat(event.path("currency").asText()).hasSize(3);
            assertThat(event.path("delivery_status").asText()).isEqualTo("pending");
            assertThat(event.has("partner_id")).isTrue();
            assertThat(event.path("at").asText()).endsWith("Z");
        }
    }

    @Test
    void anUnmappableDeliveryIsAnnouncedAsDeadLettered() {
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), "test-dashboard-token")) {
            client.next(WAIT);
            Answer answer = hub().post(Deliveries.withFields(Fixture.named("s01_orders_create_paid_two_items"),
                    body -> body.putNull("id")));
            assertThat(answer.field("status")).as("%s", answer).isEqualTo("dead_lettered");

            JsonNode event = client.awaitFrame(e -> "order.dead_lettered".equals(e.path("type").asText()), WAIT);
            assertThat(event.path("order_id").asText()).isEqualTo(answer.field("dead_letter_id"));
            assertThat(event.path("platform").asText()).isEqualTo("shopify");
        }
    }

    @Test
    void aClientThatGoesAwayWithoutClosingLeavesNoWarning() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger consumer = (Logger) LoggerFactory.getLogger(VertxWebsocketConsumer.class);
        logs.start();
        consumer.addAppender(logs);
        try {
            int before = sockets.clients();
            DashboardSocket client = DashboardSocket.connect(sockets.port(), "test-dashboard-token");
            client.next(WAIT);
            Poll.until(WAIT, sockets::clients, n -> n == before + 1);

            client.drop();
            // Vert.x reports the lost connection before its close, so once the client is gone any warning is logged.
            Poll.until(WAIT, sockets::clients, n -> n == before);
            assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            consumer.detachAppender(logs);
        }
    }

    /** Events reach the dashboard in batches, off the import's path: a moment after the import's answer. */
    @SuppressWarnings("unchecked")
    private void awaitInSnapshot(String orderId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var orders = (java.util.List<DashboardEvent>) state.snapshot().get("orders");
            if (orders.stream().anyMatch(o -> orderId.equals(o.orderId()))) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("Order " + orderId + " never reached the dashboard state");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
