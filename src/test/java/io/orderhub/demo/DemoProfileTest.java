package io.orderhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo profile as the README starts it: a newcomer signs in to the dashboard with the demo token and sees signed
 * orders of every platform the hub takes arrive on its WebSocket, imported, none of the demo's own authentic
 * deliveries dead-lettered (its forged ones are refused with 401 and never reach the dead letters).
 */
class DemoProfileTest {

    private static final Set<String> EVERY_PLATFORM = Set.of("shopify", "woocommerce", "bigcommerce", "ecwid",
            "squarespace", "wix", "magento", "prestashop", "etsy", "custom");
    private static final Duration WAIT = Duration.ofSeconds(25);

    @Test
    void theDashboardShowsImportedOrdersOfEveryPlatformAndNoneIsDeadLettered() throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OrderHubApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=" + port, "--orderhub.data-dir=",
                "--orderhub.dashboard.websocket-port=0", "--orderhub.demo.rate-per-second=10",
                "--camel.main.jmx-enabled=false")) {
            HubClient client = new HubClient(port);
            JsonNode config = client.get("/dashboard/config").json();

            // The demo profile's dashboard token (application-demo.yml), as the README tells the newcomer.
            try (DashboardSocket dashboard = DashboardSocket.connect(config.path("websocket_port").asInt(), "demo")) {
                Set<String> imported = new TreeSet<>();
                List<String> deadLettered = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                JsonNode snapshot = dashboard.next(WAIT);
                assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                snapshot.path("orders").forEach(order -> imported.add(order.path("platform").asText()));
                while (!imported.containsAll(EVERY_PLATFORM) && System.nanoTime() < deadline) {
                    for (JsonNode event : dashboard.framesWithin(Duration.ofMillis(500))) {
                        String type = event.path("type").asText();
                        if ("order.dead_lettered".equals(type)) {
                            deadLettered.add(event.toString());
                        } else if (("order.created".equals(type) || "order.updated".equals(type))
                                && event.hasNonNull("platform")) {
                            imported.add(event.path("platform").asText());
                        }
                    }
                }

                assertThat(imported).as("platforms whose demo orders the dashboard showed imported")
                        .containsExactlyInAnyOrderElementsOf(EVERY_PLATFORM);
                assertThat(deadLettered).as("dead-letter events on the dashboard").isEmpty();
                Answer deadLetters = client.request("GET", "/admin/dead-letters",
                        Map.of("Authorization", "Bearer demo-admin-key"), null);
                assertThat(deadLetters.status()).as(deadLetters.toString()).isEqualTo(200);
                assertThat(deadLetters.json().path("items")).as("the demo's dead letters").isEmpty();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
