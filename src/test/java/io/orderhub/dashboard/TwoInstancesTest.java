package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Fixture;
import io.orderhub.support.FixtureStores;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hub instances behind one load balancer share a store and Redis: a browser connected to one sees the
 * orders imported on the other, each exactly once.
 */
class TwoInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;

    @BeforeAll
    static void startTwoInstances() {
        TestRedis.flush();
        store = EmbeddedMongoStore.start("", 0);
        instanceA = start();
        instanceB = start();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {instanceA, instanceB}) {
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
        try (DashboardSocket onA = DashboardSocket.connect(socketPort(instanceA), "test-dashboard-token")) {
            assertThat(onA.next(WAIT).path("type").asText()).isEqualTo("snapshot");

            Answer imported = new HubClient(httpPort(instanceB)).post(Fixture.named("s01_orders_create_paid_two_items").last());
            assertThat(imported.status()).as("%s", imported).isEqualTo(201);

            JsonNode event = onA.next(WAIT);
            assertThat(event.path("type").asText()).isEqualTo("order.created");
            assertThat(event.path("order_id").asText()).isEqualTo(imported.field("order_id"));
            assertThat(event.path("platform").asText()).isEqualTo("shopify");
            assertThat(onA.hasNoFrameWithin(Duration.ofMillis(500))).as("the event arrives once").isTrue();
        }
    }

    private static ConfigurableApplicationContext start() {
        Map<String, String> properties = new HashMap<>(FixtureStores.properties(null));
        properties.put("server.port", "0");
        properties.put("orderhub.store.uri", store.connectionString());
        properties.put("orderhub.dashboard.websocket-port", "0");
        // As arguments: default properties would lose to application.yml's server.port.
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OrderHubApplication.class).profiles("test").run(arguments);
    }

    private static int httpPort(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static int socketPort(ConfigurableApplicationContext instance) {
        return instance.getBean(DashboardSockets.class).port();
    }
}
