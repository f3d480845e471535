package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.orderhub.idempotency.CacheEntry;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.Poll;
import io.orderhub.support.ShopifyOrders;
import io.orderhub.support.TestRedis;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code order-store} route alone: which way the idempotent consumer sends a delivery. Nothing is skipped
 * (the embedded store and the real Redis cache decide); mocks beside each branch record the decision.
 */
@HubTest
@UseAdviceWith
@TestPropertySource(properties = "orderhub.idempotency.key-prefix=" + OrderStoreRouteTest.PREFIX)
class OrderStoreRouteTest extends AdvisedRouteTestSupport {

    static final String PREFIX = "order-store-route-test:";
    private static final String STORE_UID = "acme-outfitters.myshopify.com";
    private static final String INSERTED = "mock:direct:insert-order";
    private static final String FROM_CACHE = "mock:answered-from-cache";
    private static final String AGAINST_STORED = "mock:resolved-against-stored";

    @Override
    protected void advise() throws Exception {
        advise("order-store", route -> {
            route.mockEndpoints("direct:insert-order");
            route.weaveById("store-duplicate-from-cache").after().to(FROM_CACHE);
            route.weaveById("store-resolve-against-stored").after().to(AGAINST_STORED);
        });
    }

    @Test
    void newOrderIsInsertedAndAnsweredCreated() {
        Answer answer = hub().post(ShopifyOrders.created(ShopifyOrders.nextId()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(mock(INSERTED).getReceivedCounter()).isEqualTo(1);
        assertThat(mock(FROM_CACHE).getReceivedCounter() + mock(AGAINST_STORED).getReceivedCounter()).isZero();
    }

    @Test
    void redeliveryTheCacheKnowsIsAnsweredDuplicateFromTheCacheAlone() {
        long orderId = ShopifyOrders.nextId();
        Answer created = hub().post(ShopifyOrders.created(orderId));
        awaitStoredInCache(orderId);

        Answer redelivered = hub().post(ShopifyOrders.created(orderId));

        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(200);
        assertThat(redelivered.field("status")).isEqualTo("duplicate");
        assertThat(redelivered.field("order_id")).isEqualTo(created.field("order_id"));
        assertThat(mock(FROM_CACHE).getReceivedCounter()).isEqualTo(1);
        assertThat(mock(INSERTED).getReceivedCounter()).as("inserts: only the first delivery").isEqualTo(1);
    }

    @Test
    void newerVersionTheCacheKnowsIsResolvedAgainstTheStoredOrderNotInserted() {
        long orderId = ShopifyOrders.nextId();
        Answer created = hub().post(ShopifyOrders.created(orderId));
        awaitStoredInCache(orderId);

        Answer updated = hub().post(ShopifyOrders.created(orderId, body -> {
            body.put("updated_at", "2026-11-21T09:00:00-05:00");
            body.put("note", "Leave at the back door");
        }));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo("updated");
        assertThat(updated.field("order_id")).isEqualTo(created.field("order_id"));
        assertThat(mock(AGAINST_STORED).getReceivedCounter()).isEqualTo(1);
        assertThat(mock(INSERTED).getReceivedCounter()).as("inserts: only the first delivery").isEqualTo(1);
    }

    /** The cache entry of a stored order is written off the answer's path; the cached branches need it there. */
    private static void awaitStoredInCache(long orderId) {
        String key = PREFIX + "shopify_" + STORE_UID + "_" + orderId;
        String entry = Poll.until(Duration.ofSeconds(10), () -> TestRedis.run(redis -> redis.get(key)),
                value -> value != null && CacheEntry.decode(value).isStored());
        assertThat(entry).as("cache entry of " + key).isNotNull();
        assertThat(CacheEntry.decode(entry).isStored()).isTrue();
    }
}
