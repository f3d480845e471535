package io.orderhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo profile as the README starts it: a newcomer signs in to the dashboard with the demo token and
 * sees signed orders from all three platforms arrive on its WebSocket within ten seconds.
 */
class DemoProfileTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void theDashboardShowsOrdersFromEveryPlatformWithinTenSeconds() throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OrderHubApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=" + port, "--orderhub.data-dir=",
                "--orderhub.dashboard.websocket-port=0", "--orderhub.demo.rate-per-second=10",
                "--camel.main.jmx-enabled=false")) {
            JsonNode config = new HubClient(port).get("/dashboard/config").json();

            // The demo profile's dashboard token (application-demo.yml), as the README tells the newcomer.
            try (DashboardSocket dashboard = DashboardSocket.connect(config.path("websocket_port").asInt(), "demo")) {
                Set<String> platforms = new HashSet<>();
                long deadline = System.nanoTime() + TEN_SECONDS.toNanos();
                JsonNode snapshot = dashboard.next(TEN_SECONDS);
                assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                snapshot.path("orders").forEach(order -> platforms.add(order.path("platform").asText()));
                while (platforms.size() < 3 && System.nanoTime() < deadline) {
                    JsonNode event = dashboard.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    if (event.path("type").asText().startsWith("order.") && !"order.dead_lettered".equals(event.path("type").asText())
                            && event.hasNonNull("platform")) {
                        platforms.add(event.path("platform").asText());
                    }
                }

                assertThat(platforms).containsExactlyInAnyOrder("shopify", "woocommerce", "bigcommerce");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
