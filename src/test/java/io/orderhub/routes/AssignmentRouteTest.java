package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.support.HubTest;
import io.orderhub.support.Poll;
import io.orderhub.support.ShopifyOrders;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code assignment-attempt} route as the poll drives it: an order whose creation event never queued an
 * attempt (advised away here, as a crash or a full queue would lose it) is still pending when the poll finds it.
 * The poll's interval is an hour, so only the test sends the attempt.
 */
@HubTest
@UseAdviceWith
@TestPropertySource(properties = "orderhub.assignment.poll-interval=1h")
class AssignmentRouteTest extends AdvisedRouteTestSupport {

    private static final String LOST_ATTEMPT = "mock:lost-new-order-attempt";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MeterRegistry meters;

    @Override
    protected void advise() throws Exception {
        advise("assignment-events", route -> route.weaveById("assignment-queue-new-order").replace().to(LOST_ATTEMPT));
    }

    @Test
    void aPendingOrderThePollFindsIsClaimedAndBegunInOneWrite() {
        String orderId = ShopifyOrders.importNew(hub(), ShopifyOrders.created(ShopifyOrders.nextId()));
        Poll.until(Duration.ofSeconds(10), () -> mock(LOST_ATTEMPT).getReceivedCounter(), n -> n == 1);
        assertThat(ShopifyOrders.delivery(hub(), orderId).path("status").asText()).isEqualTo("pending");
        double before = orderUpdates();

        producer.sendBody("direct:assignment-attempt", orderId);

        JsonNode delivery = ShopifyOrders.delivery(hub(), orderId);
        assertThat(ShopifyOrders.history(delivery)).as(delivery.toString()).startsWith("pending", "assigning")
                .containsOnlyOnce("assigning");
        assertThat(delivery.path("status").asText()).as(delivery.toString()).isNotEqualTo("pending");
        // The lease and the search's start in one findAndModify, the attempt's outcome in another: two, not three.
        assertThat(orderUpdates() - before).isEqualTo(2);
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

    /** The {@code findAndModify} commands the hub sent to its orders collection, on any path. */
    private double orderUpdates() {
        return meters.find("orderhub.store.commands").tags("collection", "orders", "command", "findAndModify").counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
