package io.orderhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.support.HubClient;
import io.orderhub.support.Poll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo profile fills the hub with signed orders from all three platforms within ten seconds. */
class DemoProfileTest {

    @Test
    void demoProfileShowsOrdersFromEveryPlatformWithinTenSeconds() throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OrderHubApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=" + port, "--orderhub.data-dir=",
                "--orderhub.dashboard.websocket-port=0", "--orderhub.demo.rate-per-second=10",
                "--camel.main.jmx-enabled=false")) {
            HubClient client = new HubClient(port);

            Set<String> platforms = Poll.until(Duration.ofSeconds(10), () -> platforms(client), p -> p.size() == 3);

            assertThat(platforms).containsExactlyInAnyOrder("shopify", "woocommerce", "bigcommerce");
            JsonNode snapshot = client.get("/dashboard/config").json();
            assertThat(snapshot.isObject()).isTrue();
        }
    }

    private static Set<String> platforms(HubClient client) {
        Set<String> platforms = new HashSet<>();
        client.get("/orders?limit=100").json().path("items").forEach(o -> platforms.add(o.path("platform").asText()));
        return platforms;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
