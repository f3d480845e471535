package io.orderhub.ops;

import com.mongodb.event.CommandListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters that come from components rather than from our own code: MongoDB command latency (the driver's
 * command listener) and count by path ({@link StoreRoundTrips}), the Partner Service breaker, and the depth of the in-process
 * queues between the import path and its followers.
 */
@Configuration(proxyBeanMethods = false)
class OperationsMetricsConfiguration {

    private static final String[] QUEUES = {"order-events", "delivery-history"};

    @Bean
    CommandListener mongoCommandMetrics(MeterRegistry meters) {
        return new MongoMetricsCommandListener(meters);
    }

    @Bean
    CommandListener storeRoundTrips(MeterRegistry meters) {
        return new StoreRoundTrips(meters);
    }

    @Bean
    MeterBinder partnerBreakerMetrics(ObjectProvider<CircuitBreaker> breakers) {
        return meters -> breakers.orderedStream().forEach(breaker -> {
            Gauge.builder("orderhub.partner.breaker.state", breaker, b -> switch (b.getState()) {
                case CLOSED -> 0;
                case OPEN, FORCED_OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            }).description("0 closed, 1 open, 2 half-open, 3 other").tag("name", breaker.getName()).register(meters);
            FunctionCounter.builder("orderhub.partner.breaker.calls", breaker, b -> b.getMetrics().getNumberOfSuccessfulCalls())
                    .tag("name", breaker.getName()).tag("result", "success").register(meters);
            FunctionCounter.builder("orderhub.partner.breaker.calls", breaker, b -> b.getMetrics().getNumberOfFailedCalls())
                    .tag("name", breaker.getName()).tag("result", "failure").register(meters);
            FunctionCounter.builder("orderhub.partner.breaker.calls", breaker, b -> b.getMetrics().getNumberOfNotPermittedCalls())
                    .tag("name", breaker.getName()).tag("result", "not_permitted").register(meters);
        });
    }

    @Bean
    CamelContextConfiguration queueDepthMetrics(MeterRegistry meters) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                for (String queue : QUEUES) {
                    Gauge.builder("orderhub.queue.depth", camel, c -> depth(c, queue)).tag("queue", queue)
                            .description("Exchanges waiting in an in-process queue").register(meters);
                }
            }
        };
    }

    private static double depth(CamelContext camel, String queue) {
        return camel.getEndpoints().stream().filter(e -> e instanceof SedaEndpoint s && queue.equals(s.getName()))
                .mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize()).max().orElse(0);
    }
}
