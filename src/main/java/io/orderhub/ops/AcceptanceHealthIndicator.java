package io.orderhub.ops;

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

    AcceptanceHealthIndicator(OrderStoreHealthIndicator store) {
        this.store = store;
    }

    @Override
    public Health health() {
        if (store.isUp()) {
            return Health.up().withDetail("durable", "order store").build();
        }
        return Health.down().withDetail("durable", "nothing: the order store is down").build();
    }
}
