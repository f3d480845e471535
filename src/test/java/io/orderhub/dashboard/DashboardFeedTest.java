package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.order.OrderEvent;
import io.orderhub.security.AdminCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The import never waits for the dashboard: with the dashboard down, a batch is dropped, counted, at once. */
class DashboardFeedTest {

    @Test
    void eventsForADashboardThatIsDownAreDroppedAndCountedWithoutWaiting() throws IOException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DashboardFeed feed = new DashboardFeed(properties("http://127.0.0.1:" + closedPort()), credentials(),
                new ObjectMapper(), new MockEnvironment(), meters);
        List<DashboardEvent> batch = List.of(event("ord_1"), event("ord_2"));

        long started = System.nanoTime();
        feed.post(batch);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(feed.dropped()).isEqualTo(2);
        assertThat(meters.counter("orderhub.dashboard.feed.events", "outcome", "dropped").count()).isEqualTo(2.0);
    }

    @Test
    void theNextAcceptedPostTellsTheDashboardHowManyEventsWereDroppedOnce() throws IOException {
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer dashboard = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dashboard.createContext("/dashboard/events", exchange -> {
            reported.add(exchange.getRequestHeaders().getFirst(DashboardResync.DROPPED_HEADER));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        dashboard.start();
        try {
            MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", String.valueOf(closedPort()));
            DashboardFeed feed = new DashboardFeed(properties(""), credentials(), new ObjectMapper(), environment,
                    new SimpleMeterRegistry());
            feed.post(List.of(event("ord_1"), event("ord_2")));
            environment.setProperty("local.server.port", String.valueOf(dashboard.getAddress().getPort()));

            feed.post(List.of(event("ord_3")));
            feed.post(List.of(event("ord_4")));

            assertThat(reported).containsExactly("2", "0");
        } finally {
            dashboard.stop(0);
        }
    }

    private static DashboardProperties properties(String baseUrl) {
        return new DashboardProperties("t", 0, baseUrl, 10, 10, Duration.ofMillis(50), 10, Duration.ofMillis(200),
                Duration.ofMillis(300), DashboardProperties.FanOut.LOCAL, "c", Duration.ofSeconds(10),
                Duration.ZERO, null, Duration.ofSeconds(2));
    }

    private static DashboardCredentials credentials() {
        OrderHubProperties hub = new OrderHubProperties("", null, null, null, null, null, null, null, null,
                new OrderHubProperties.Admin(null, null), new OrderHubProperties.Mappings(OrderMapper.DEFAULT_LOCATIONS, OrderMapper.DEFAULT_CUSTOM_LOCATIONS));
        return new DashboardCredentials(properties(null), new AdminCredentials(hub));
    }

    private static DashboardEvent event(String orderId) {
        return DashboardEvent.of(new OrderEvent(OrderEvent.CREATED, orderId, "shopify", "s", "#1", "1.00", "USD", "paid",
                "pending", null, Instant.now()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
