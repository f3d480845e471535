package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.platform.Deliveries;
import io.orderhub.problem.Problems;
import io.orderhub.queue.QueueDrainer;
import io.orderhub.store.StoreFailures;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The recovery of deliveries queued while the store was unavailable: a timer drains the queue, oldest
 * first, and each delivery re-enters its platform route through the same idempotent path as a webhook.
 * The store (or a platform API) still unavailable leaves it queued for the next pass; a delivery that can
 * no longer become an order (its mapping or store changed meanwhile) is dead-lettered like at the gateway.
 */
@Component
@ConditionalOnRole("import")
public class QueueRecoveryRoute extends RouteBuilder {

    private final QueueDrainer drainer;
    private final OrderHubProperties properties;

    public QueueRecoveryRoute(QueueDrainer drainer, OrderHubProperties properties) {
        this.drainer = drainer;
        this.properties = properties;
    }

    @Override
    public void configure() {
        long period = properties.queue().drainInterval().toMillis();
        from("timer:import-queue-drain?delay=" + period + "&period=" + period).routeId("import-queue-drain")
                .bean(drainer, "drain");

        from(QueueDrainer.ENDPOINT).routeId("import-queue-replay")
                .onException(Exception.class).onWhen(StoreFailures::isStoreFailure).handled(false).logExhausted(false).end()
                .onException(Problems.UpstreamUnavailable.class).handled(false).logExhausted(false).end()
                .onException(Exception.class).handled(true).to("direct:dead-letter").end()
                .validate(exchangeProperty(Deliveries.STORE).isNotNull())
                .toD("direct:platform-${exchangeProperty." + Deliveries.PLATFORM + "}");
    }
}
