package io.orderhub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two hub instances on one store asked to reconcile one shop at the same moment: one run, each order once, on every platform. */
class TwoInstancesReconcileTest {

    private static OrdersApiDouble api;
    private static EmbeddedMongoStore store;
    private static HubProcess instanceA;
    private static HubProcess instanceB;

    @BeforeAll
    static void startTwoInstances() {
        TestRedis.flush();
        api = OrdersApiDouble.start();
        store = EmbeddedMongoStore.start("", 0);
        instanceA = HubProcess.start(store.connectionString(), null, ReconcileFixtures.properties(api.baseUrl()));
        instanceB = HubProcess.start(store.connectionString(), null, ReconcileFixtures.properties(api.baseUrl()));
    }

    @AfterAll
    static void stop() {
        Stream.of(instanceA, instanceB).filter(i -> i != null).forEach(HubProcess::close);
        if (store != null) {
            store.close();
        }
        if (api != null) {
            api.close();
        }
    }

    static List<Listing> platforms() {
        return Listings.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void twoInstancesTriggeredAtOnceReconcileTheStoreOnce(Listing platform) {
        api.reset();
        List<JsonNode> orders = EveryPlatformReconciliationTest.orders(platform, 401, Instant.parse("2026-11-20T12:00:00Z"),
                Duration.ofMinutes(1)).subList(0, 3);
        api.serve(platform.platform(), orders);
        api.slowPages(300);
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Answer>> runs = Stream.of(instanceA, instanceB)
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return instance.client().admin("POST", "/admin/stores/" + platform.platform() + "/"
                            + platform.storeUid() + "/reconcile");
                }))
                .toList();
        start.countDown();
        List<Answer> answers = runs.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Answer::status).as("%s", answers).containsExactlyInAnyOrder(200, 409);
        assertThat(api.pageRequests()).as("every page read by one run").doesNotHaveDuplicates();
        for (JsonNode order : orders) {
            assertThat(instanceB.client().get("/orders?platform=" + platform.platform() + "&platform_order_id="
                    + platform.storedId(order)).json().path("items")).as("order %s", platform.storedId(order)).hasSize(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
