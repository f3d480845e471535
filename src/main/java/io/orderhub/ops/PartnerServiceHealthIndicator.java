package io.orderhub.ops;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The Partner Service as the assignment route sees it, through its circuit breaker. An open breaker is
 * DEGRADED, not DOWN: orders are still imported and assignment resumes when it closes.
 */
@Component("partnerService")
class PartnerServiceHealthIndicator implements HealthIndicator {

    private final ObjectProvider<CircuitBreaker> breakers;

    PartnerServiceHealthIndicator(ObjectProvider<CircuitBreaker> breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        CircuitBreaker breaker = breakers.getIfAvailable();
        if (breaker == null) {
            return Health.unknown().withDetail("breaker", "not used by this process's roles").build();
        }
        CircuitBreaker.State state = breaker.getState();
        Health.Builder health = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                ? Health.status(OpsHealth.DEGRADED) : Health.up();
        return health.withDetail("breaker", state.name())
                .withDetail("failureRate", breaker.getMetrics().getFailureRate()).build();
    }
}
