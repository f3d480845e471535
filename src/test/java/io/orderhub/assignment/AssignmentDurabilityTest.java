package io.orderhub.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.FixtureStores;
import io.orderhub.support.HubClient;
import io.orderhub.support.PartnerServiceDouble;
import io.orderhub.support.ShopifyOrders;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Assignment state lives in the store, not in a process: whole hubs (import role only) share one embedded
 * store, one Redis and the Partner Service double. A hub that stops leaves its pending orders to the next
 * one, and two hubs working side by side assign every order exactly once.
 */
class AssignmentDurabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final PartnerServiceDouble PARTNER_SERVICE = PartnerServiceDouble.start();
    private static final List<ConfigurableApplicationContext> HUBS = new ArrayList<>();
    private static EmbeddedMongoStore store;

    @BeforeAll
    static void sharedStore() {
        TestRedis.flush();
        store = EmbeddedMongoStore.start("", 0);
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    /** Each test's hubs stop with it: a hub left running would take part in the next test's assignments. */
    @AfterEach
    void stopHubs() {
        HUBS.forEach(ConfigurableApplicationContext::close);
        HUBS.clear();
    }

    @AfterAll
    static void stopEverything() {
        store.close();
        PARTNER_SERVICE.close();
    }

    @BeforeEach
    void noPartnerFitsYet() {
        PARTNER_SERVICE.reset();
    }

    @Test
    void pendingAssignmentResumesAfterARestart() {
        // A short lease: the stopped hub's claim must run out for the next one to resume the order.
        ConfigurableApplicationContext first = startHub("hub-before-restart", "1s");
        String orderId = ShopifyOrders.importNew(client(first), ShopifyOrders.created(ShopifyOrders.nextId()));
        await().atMost(WAIT).until(() -> PARTNER_SERVICE.assignCalls(orderId) >= 1);
        assertThat(ShopifyOrders.delivery(client(first), orderId).path("status").asText()).isEqualTo("assigning");
        first.close();

        PARTNER_SERVICE.assignEveryOrderTo("resumed-couriers");
        ConfigurableApplicationContext second = startHub("hub-after-restart", "1s");

        await().atMost(WAIT).until(() -> "assigned".equals(ShopifyOrders.delivery(client(second), orderId).path("status").asText()));
        JsonNode delivery = ShopifyOrders.delivery(client(second), orderId);
        assertThat(delivery.path("partner_id").asText()).isEqualTo("resumed-couriers");
        assertThat(count(delivery, "assigning")).isEqualTo(1);
        assertThat(count(delivery, "assigned")).isEqualTo(1);
    }

    @Test
    void twoInstancesAssignEachOrderOnce() {
        // A lease longer than any attempt, even on a loaded build machine: only the claim keeps the other hub out.
        ConfigurableApplicationContext one = startHub("hub-one", "10s");
        ConfigurableApplicationContext two = startHub("hub-two", "10s");
        // Slow answers keep each attempt in flight while the other instance polls the same due orders.
        PARTNER_SERVICE.delay(150);
        PARTNER_SERVICE.assignEveryOrderTo("shared-couriers");

        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orderIds.add(ShopifyOrders.importNew(client(i % 2 == 0 ? one : two), ShopifyOrders.created(ShopifyOrders.nextId())));
        }

        for (String orderId : orderIds) {
            await().atMost(WAIT).until(() -> "assigned".equals(ShopifyOrders.delivery(client(two), orderId).path("status").asText()));
        }
        for (String orderId : orderIds) {
            assertThat(PARTNER_SERVICE.assignCalls(orderId)).as("assign calls for %s", orderId).isEqualTo(1);
            JsonNode delivery = ShopifyOrders.delivery(client(one), orderId);
            assertThat(count(delivery, "assigned")).isEqualTo(1);
            assertThat(delivery.path("partner_id").asText()).isEqualTo("shared-couriers");
        }
    }

    private static ConfigurableApplicationContext startHub(String instanceId, String lease) {
        List<String> args = new ArrayList<>();
        FixtureStores.properties(null).forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of("--server.port=0", "--orderhub.roles=import", "--orderhub.data-dir=",
                "--orderhub.store.uri=" + store.connectionString(),
                "--orderhub.partner.base-url=" + PARTNER_SERVICE.baseUrl(),
                "--orderhub.assignment.instance-id=" + instanceId,
                "--orderhub.assignment.retry-interval=30ms",
                "--orderhub.assignment.poll-interval=20ms",
                "--orderhub.assignment.lease=" + lease,
                "--orderhub.assignment.breaker.call-timeout=2s"));
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(OrderHubApplication.class).profiles("test")
                .run(args.toArray(String[]::new));
        HUBS.add(hub);
        return hub;
    }

    private static HubClient client(ConfigurableApplicationContext hub) {
        return new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")));
    }

    private static long count(JsonNode delivery, String status) {
        return ShopifyOrders.history(delivery).stream().filter(status::equals).count();
    }
}
