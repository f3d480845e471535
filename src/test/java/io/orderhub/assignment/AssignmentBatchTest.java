package io.orderhub.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.support.Concurrently;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import io.orderhub.support.ShopifyOrders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * New orders arriving together are assigned together: claimed in one update, offered to the Partner Service in one
 * call and given their outcomes in one write, where each order used to cost a claim and an outcome of its own
 * ({@code findAndModify} each) and three writes at the Partner Service.
 */
@HubTest
// A batch waits long enough here for a burst of imports to land in a few batches, whatever the machine's speed.
@TestPropertySource(properties = "orderhub.assignment.batch-wait=300ms")
class AssignmentBatchTest extends HubTestSupport {

    private static final int ORDERS = 20;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBurstOfNewOrdersIsAssignedInBatches() throws Exception {
        double claimsBefore = commands("orders", "findAndModify");
        double partnerWritesBefore = commands("partners", "update");
        List<Callable<String>> imports = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long platformId = ShopifyOrders.nextId();
            imports.add(() -> ShopifyOrders.importNew(hub(), ShopifyOrders.created(platformId)));
        }

        List<String> orderIds = Concurrently.runAtOnce(imports);

        for (String orderId : orderIds) {
            JsonNode delivery = Poll.until(Duration.ofSeconds(20), () -> ShopifyOrders.delivery(hub(), orderId),
                    d -> "assigned".equals(d.path("status").asText()));
            assertThat(ShopifyOrders.history(delivery)).as(delivery.toString()).containsExactly("pending", "assigning", "assigned");
        }
        assertThat(commands("orders", "findAndModify") - claimsBefore).as("claims and outcomes of one order each").isZero();
        assertThat(commands("partners", "update") - partnerWritesBefore).as("units taken at the Partner Service")
                .isLessThan(ORDERS);
    }

    /** The commands the hub sent to a collection, on any path. */
    private double commands(String collection, String command) {
        return meters.find("orderhub.store.commands").tags("collection", collection, "command", command).counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
