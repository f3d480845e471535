package io.orderhub.ops;

import io.orderhub.queue.ImportQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: whether this hub can durably accept an order right now. A load balancer should send
 * webhooks only to instances that can; Redis and the Partner Service are not needed for that. This is the
 * one indicator that reports DOWN, so the hub's overall health is "does it accept orders".
 */
@Component("acceptance")
class AcceptanceHealthIndicator implements HealthIndicator {

    private final OrderStoreHealthIndicator store;
    private final ObjectProvider<ImportQueue> queue;

    AcceptanceHealthIndicator(OrderStoreHealthIndicator store, ObjectProvider<ImportQueue> queue) {
        this.store = store;
        this.queue = queue;
    }

    @Override
    public Health health() {
        if (store.isUp()) {
            return Health.up().withDetail("durable", "order store").build();
        }
        ImportQueue importQueue = queue.getIfAvailable();
        if (importQueue != null) {
            try {
                long depth = importQueue.depth();
                return Health.up().withDetail("durable", "import queue (the store is down)").withDetail("queued", depth).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("durable", "nothing: the store and the import queue are down").build();
            }
        }
        return Health.down().withDetail("durable", "nothing: the order store is down").build();
    }
}
