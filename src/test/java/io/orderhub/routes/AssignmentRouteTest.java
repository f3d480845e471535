package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.order.OrderDocuments;
import io.orderhub.support.HubTest;
import io.orderhub.support.Poll;
import io.orderhub.support.ShopifyOrders;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code assignment-attempt} route as the poll drives it: an order whose creation event never queued an
 * attempt (advised away here, as a crash or a full queue would lose it) is still pending when the poll finds it.
 * The poll's scheduler is advised away too, so only the test runs a poll.
 */
@HubTest
@UseAdviceWith
@TestPropertySource(properties = "orderhub.assignment.poll-interval=1h")
class AssignmentRouteTest extends AdvisedRouteTestSupport {

    private static final String LOST_ATTEMPT = "mock:lost-new-order-attempt";
    private static final String POLL_NOW = "direct:assignment-poll-now";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MongoDatabase orderhubDatabase;

    @Override
    protected void advise() throws Exception {
        advise("assignment-events", route -> route.weaveById("assignment-queue-new-order").replace().to(LOST_ATTEMPT));
        advise("assignment-poll", route -> route.replaceFromWith(POLL_NOW));
    }

    @Test
    void aPendingOrderThePollFindsIsClaimedAndBegunInOneWrite() {
        String orderId = ShopifyOrders.importNew(hub(), ShopifyOrders.created(ShopifyOrders.nextId()));
        Poll.until(Duration.ofSeconds(10), () -> mock(LOST_ATTEMPT).getReceivedCounter(), n -> n == 1);
        assertThat(ShopifyOrders.delivery(hub(), orderId).path("status").asText()).isEqualTo("pending");
        int before = version(orderId);

        producer.sendBody(POLL_NOW, null);

        // The poll hands a pending order to the batches of new orders, which work on their own threads.
        JsonNode delivery = Poll.until(Duration.ofSeconds(10), () -> ShopifyOrders.delivery(hub(), orderId),
                d -> !List.of("pending", "assigning").contains(d.path("status").asText()));
        assertThat(ShopifyOrders.history(delivery)).as(delivery.toString()).startsWith("pending", "assigning")
                .containsOnlyOnce("assigning");
        assertThat(delivery.path("status").asText()).as(delivery.toString()).isNotEqualTo("pending");
        // Every write of the delivery block counts a version: the lease and the search's start in one, the
        // attempt's outcome in another. Two, not three.
        assertThat(version(orderId) - before).isEqualTo(2);
    }

    @Test
    void anOrderThatIsNotDueIsLeftAlone() {
        String orderId = ShopifyOrders.importNew(hub(), ShopifyOrders.created(ShopifyOrders.nextId()));
        producer.sendBody("direct:assignment-attempt", orderId);
        JsonNode settled = ShopifyOrders.delivery(hub(), orderId);

        producer.sendBody("direct:assignment-attempt", orderId);

        // Assigned (or waiting for its next attempt): a second claim finds nothing due and changes nothing.
        assertThat(ShopifyOrders.delivery(hub(), orderId)).isEqualTo(settled);
    }

    private int version(String orderId) {
        Document order = orderhubDatabase.getCollection(OrderDocuments.COLLECTION).find(Filters.eq("_id", orderId)).first();
        return order.get("delivery", Document.class).getInteger("version", 0); // a new order has none yet
    }
}
