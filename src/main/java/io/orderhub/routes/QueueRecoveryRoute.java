package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mongo.StoreFailures;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.ReplayedDelivery;
import io.orderhub.problem.Problems;
import io.orderhub.queue.QueueDrainer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The recovery of deliveries queued while the store was unavailable: a timer starts a drain pass, which splits
 * the queue's oldest batch into the pipeline, each delivery through the same idempotent path as a webhook.
 * The store (or a platform API) still unavailable leaves it queued for the next pass; a delivery that can
 * no longer become an order (its mapping or store changed meanwhile) is dead-lettered like at the gateway.
 */
@Component
@ConditionalOnRole("import")
public class QueueRecoveryRoute extends RouteBuilder {

    private static final String BATCHES = "direct:import-queue-batches";
    private static final String QUEUED = "direct:import-queue-replay";

    private final QueueDrainer drainer;
    private final long drainPeriodMillis;

    public QueueRecoveryRoute(QueueDrainer drainer, OrderHubProperties properties) {
        this.drainer = drainer;
        this.drainPeriodMillis = properties.queue().drainInterval().toMillis();
    }

    @Override
    public void configure() {
        // The drain pass decides what a failed import means for its entry, so nothing here absorbs a failure:
        // an error handler would only log each pass the store is still down as an error.
        errorHandler(noErrorHandler());
        long period = drainPeriodMillis;
        from("timer:import-queue-drain?delay=" + period + "&period=" + period).routeId("import-queue-drain")
                .to(QueueDrainer.DRAIN);

        from(QueueDrainer.DRAIN).routeId("import-queue-drain-pass")
                .filter(method(drainer, "claim"))
                    .doTry()
                        .to(BATCHES)
                    .doCatch(Exception.class)
                        .bean(drainer, "interrupted")
                    .doFinally()
                        .setBody(method(drainer, "release"))
                    .end()
                .end();

        // Batch after batch, oldest first, until the queue is empty, an import fails (that delivery and those
        // after it stay queued, in order) or the pass must stop.
        from(BATCHES).routeId("import-queue-batches")
                .loopDoWhile(method(drainer, "going"))
                    .setBody(method(drainer, "nextBatch"))
                    .split(body())
                        .filter(method(drainer, "going"))
                            .doTry()
                                .setBody(method(drainer, "replayed"))
                                .to(QUEUED)
                                .bean(drainer, "imported")
                            .doCatch(Exception.class)
                                .bean(drainer, "deferred")
                            .end()
                        .end()
                    .end()
                .end();

        // Only a delivery that can no longer become an order is caught here, and dead-lettered. The store or a
        // platform API still unavailable stays the exchange's exception: the pass leaves the entry queued.
        from(QUEUED).routeId("import-queue-replay")
                .process(ReplayedDelivery::enter)
                .doTry()
                    .validate(NamedPredicate.named("store configured", exchange -> Deliveries.store(exchange) != null))
                    .toD(GatewayRoute.PLATFORM_ROUTE)
                .doCatch(Exception.class).onWhen(QueueRecoveryRoute::cannotBecomeAnOrder)
                    .to("direct:dead-letter")
                .end();
    }

    private static boolean cannotBecomeAnOrder(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Problems.UpstreamUnavailable) {
                return false;
            }
        }
        return !StoreFailures.isStoreFailure(failure);
    }
}
