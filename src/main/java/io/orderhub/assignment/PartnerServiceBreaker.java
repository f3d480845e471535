package io.orderhub.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The circuit breaker of the Partner Service calls, used by the {@code circuitBreaker()} EIP of the
 * assignment route by reference ({@link #BEAN}). The route could build its own from its options, but the
 * extended-outage rule needs to know since when the breaker has been open, which only the breaker's state
 * transitions tell: an outage starts when it first opens and ends only when it closes again, half-open
 * trials that fail do not restart it.
 */
@Component
public class PartnerServiceBreaker {

    public static final String BEAN = "partnerServiceCircuitBreaker";
    private static final Logger log = LoggerFactory.getLogger(PartnerServiceBreaker.class);

    private final CircuitBreaker breaker;
    private final AtomicReference<Instant> outageSince = new AtomicReference<>();

    public PartnerServiceBreaker(AssignmentProperties properties, Clock clock) {
        AssignmentProperties.Breaker settings = properties.breaker();
        this.breaker = CircuitBreaker.of("partner-service", CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openWait())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        breaker.getEventPublisher().onReset(event -> outageSince.set(null));
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                if (outageSince.compareAndSet(null, clock.instant())) {
                    log.warn("Partner Service circuit opened: assignments wait, orders go on");
                }
            } else if (to == CircuitBreaker.State.CLOSED) {
                if (outageSince.getAndSet(null) != null) {
                    log.info("Partner Service circuit closed again");
                }
            }
        });
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** How long the breaker has been open (half-open trials included), if it is. */
    public Optional<Duration> outageLength(Instant now) {
        return Optional.ofNullable(outageSince.get()).map(since -> Duration.between(since, now));
    }
}
