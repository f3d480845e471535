package io.orderhub.reconcile;

import static io.orderhub.reconcile.ReconcileFixtures.SHOPIFY_STORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two hub instances on one store asked to reconcile one shop at the same moment: one run, each order once. */
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

    @Test
    void twoInstancesTriggeredAtOnceReconcileTheStoreOnce() {
        api.serve("shopify", List.of(
                ReconcileFixtures.shopifyOrder(6001, "2026-11-20T12:00:00-05:00"),
                ReconcileFixtures.shopifyOrder(6002, "2026-11-20T12:01:00-05:00"),
                ReconcileFixtures.shopifyOrder(6003, "2026-11-20T12:02:00-05:00")));
        api.slowPages(300);
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Answer>> runs = Stream.of(instanceA, instanceB)
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return instance.client().admin("POST", "/admin/stores/shopify/" + SHOPIFY_STORE + "/reconcile");
                }))
                .toList();
        start.countDown();
        List<Answer> answers = runs.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Answer::status).as("%s", answers).containsExactlyInAnyOrder(200, 409);
        assertThat(api.pageRequests()).containsExactly("shopify:1", "shopify:2");
        for (long id = 6001; id <= 6003; id++) {
            assertThat(instanceB.client().get("/orders?platform=shopify&platform_order_id=" + id).json().path("items"))
                    .as("order %s", id).hasSize(1);
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
