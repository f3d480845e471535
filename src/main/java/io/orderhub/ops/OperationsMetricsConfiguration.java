package io.orderhub.ops;

import com.mongodb.event.CommandListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.observation.ObservationPredicate;
import io.orderhub.gateway.DeliveryReceiver;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Meters that come from components rather than from our own code: MongoDB command latency (the driver's
 * command listener) and count by path ({@link StoreRoundTrips}), the Partner Service breaker, and the depth of the in-process
 * queues between the import path and its followers; and which requests Spring's generic HTTP timer leaves out.
 */
@Configuration(proxyBeanMethods = false)
class OperationsMetricsConfiguration {

    private static final String[] QUEUES = {"order-events", "delivery-history"};

    /**
     * Deliveries get no {@code http_server_requests} timer: {@code orderhub_imports_total} and
     * {@code orderhub_import_latency_seconds} count every answer to one, with platform, outcome and reason, and the
     * generic observation cost about 1 % of an import's CPU (bench/results/issue-19-instrumentation/). The bench's
     * stand-ins for the import path ({@code /bench/**}) are left out too, so they measure what an import pays.
     */
    @Bean
    ObservationPredicate deliveriesCountedByImportMetrics() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && isDeliveryPath(request.getCarrier().getRequestURI()));
    }

    private static boolean isDeliveryPath(String path) {
        return DeliveryReceiver.IMPORT_PATH.equals(path) || path.startsWith("/bench/");
    }

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

    /**
     * Camel's route gauges ({@code camel_routes_running}, {@code camel_routes_added}) come from a notifier that reads
     * route events only but does not say so. Camel then makes exchange events for it, five for every exchange on every
     * route an order passes, about 1 % of an import's CPU. Said once every bean exists, before the context starts,
     * when Camel decides whether any notifier wants exchange events at all. (No {@code CamelContextConfiguration} bean
     * here: Camel Spring Boot adds a notifier of its own for those, and that one takes exchange events too.)
     */
    @Bean
    SmartInitializingSingleton routeGaugesWithoutExchangeEvents(CamelContext camel) {
        return () -> camel.getManagementStrategy().getEventNotifiers().stream()
                .filter(MicrometerRouteEventNotifier.class::isInstance)
                .forEach(notifier -> notifier.setIgnoreExchangeEvents(true));
    }

    /** Read at each scrape, so the queues' endpoints need not exist yet when the gauges are registered. */
    @Bean
    MeterBinder queueDepthMetrics(ObjectProvider<CamelContext> camel) {
        return meters -> {
            for (String queue : QUEUES) {
                Gauge.builder("orderhub.queue.depth", camel, c -> depth(c.getIfAvailable(), queue)).tag("queue", queue)
                        .description("Exchanges waiting in an in-process queue").register(meters);
            }
        };
    }

    private static double depth(CamelContext camel, String queue) {
        if (camel == null) {
            return 0;
        }
        return camel.getEndpoints().stream().filter(e -> e instanceof SedaEndpoint s && queue.equals(s.getName()))
                .mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize()).max().orElse(0);
    }
}
