package io.orderhub.routes;

import java.util.concurrent.ExecutorService;

import io.orderhub.assignment.AssignmentProperties;
import io.orderhub.assignment.Assignments;
import io.orderhub.assignment.DueOrder;
import io.orderhub.assignment.LeftoverReservations;
import io.orderhub.assignment.PartnerServiceBreaker;
import io.orderhub.assignment.PartnerServiceClient;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.order.OrderEvent;
import io.orderhub.partner.PartnerProperties;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Partner assignment, always off the import's answer path. Two triggers feed one attempt route: the order
 * events (a new order is tried at once, a platform cancellation releases its partner) and a poll of the
 * store, which is what makes assignment durable: after a restart, or on another instance, every due order
 * is found again. Each attempt holds the order's lease, so one instance at a time works on it, and calls
 * the Partner Service through a circuit breaker whose fallback keeps the timeline moving.
 */
@Component
@ConditionalOnRole("import")
public class AssignmentRoute extends RouteBuilder {

    /**
     * A full queue drops the attempt instead of failing the event: the order stays due and the poll finds it.
     * Under a burst that outruns assignment, a warning per order only added a log line to each import.
     */
    private static final String ATTEMPTS = "seda:assignment-attempts?size=10000&blockWhenFull=false&discardWhenFull=true";
    /** The registry name of the pool that runs the breaker's time-limited calls. */
    private static final String CALLS = "partner-service-calls";

    private final Assignments assignments;
    private final LeftoverReservations leftovers;
    private final PartnerServiceClient partnerService;
    private final AssignmentProperties properties;
    /**
     * The EIP's time limit is the most one call may take (connect, then the request timeout the client sets
     * itself), so the client's own timeout normally ends a slow call first and the breaker records that
     * failure; the limit only catches a call stuck beyond it.
     */
    private final long callBoundMillis;

    public AssignmentRoute(Assignments assignments, LeftoverReservations leftovers, PartnerServiceClient partnerService,
            AssignmentProperties properties, PartnerProperties partner) {
        this.assignments = assignments;
        this.leftovers = leftovers;
        this.partnerService = partnerService;
        this.properties = properties;
        this.callBoundMillis = properties.breaker().callTimeout().plus(partner.connectTimeout()).toMillis();
    }

    @Override
    public void configure() {
        // Without a pool of its own the breaker hands each time-limited call to CompletableFuture.supplyAsync, whose
        // common pool has parallelism 1 on two cores and so starts a thread per call: ~16 threads a second under
        // load in a profile, a twentieth of the hub's CPU. Cached: each waiting attempt holds one thread, so the pool
        // never outgrows the attempts in flight; Camel shuts it down with the context.
        getContext().getRegistry().bind(CALLS, ExecutorService.class,
                getContext().getExecutorServiceManager().newCachedThreadPool(this, "partner-call"));

        onException(Exception.class).id("assignment-on-failure").handled(true)
                .log(LoggingLevel.WARN, "Assignment step failed; the order stays due for the next poll: ${exception.message}")
                .id("assignment-log-failure");

        // Events are shared with other consumers (the dashboard): hand the order over and return at once,
        // so a slow Partner Service never holds up anyone's events.
        // Plain Java over the event record: a simple expression's ${body.type} is a reflective bean call per event.
        RouteNodes.consumer("assignment-events-in", from(OrderEvent.ENDPOINT)).routeId("assignment-events")
                .choice().id("assignment-event-type")
                    .when(eventType(OrderEvent.CREATED)).id("assignment-when-created")
                        .setBody(exchange -> new DueOrder(orderId(exchange), true)).id("assignment-created-order")
                        .to(ATTEMPTS).id("assignment-queue-new-order")
                    .when(eventType(OrderEvent.CANCELLED)).id("assignment-when-cancelled")
                        .setBody(AssignmentRoute::orderId).id("assignment-cancelled-order-id")
                        .bean(assignments, "cancelledOnPlatform").id("assignment-cancelled-on-platform")
                        .setBody(exchange -> new DueOrder(exchange.getMessage().getBody(String.class), false))
                            .id("assignment-cancelled-order")
                        .to(ATTEMPTS).id("assignment-queue-release")
                .end();

        // In memory only to be quick: an attempt lost here (a crash) is found again by the poll.
        RouteNodes.consumer("assignment-queue-in", from(ATTEMPTS + "&concurrentConsumers=" + properties.workers()))
                .routeId("assignment-queue")
                .to("direct:assignment-attempt").id("assignment-queue-to-attempt");

        RouteNodes.consumer("assignment-poll-in", from("scheduler:assignment-poll?delay=" + properties.pollInterval().toMillis()
                + "&initialDelay=" + properties.pollInterval().toMillis())).routeId("assignment-poll")
                .setBody(method(assignments, "dueOrders")).id("assignment-due-orders")
                .split(body()).parallelProcessing().id("assignment-each-due-order")
                    .to("direct:assignment-attempt").id("assignment-poll-to-attempt")
                .end();

        // Orders left on the default partner during an outage: what a lost answer reserved is given back.
        long settleEvery = properties.retryInterval().toMillis();
        RouteNodes.consumer("assignment-leftovers-in", from("scheduler:assignment-leftover-reservations?delay="
                + settleEvery + "&initialDelay=" + settleEvery)).routeId("assignment-leftover-reservations")
                .bean(leftovers, "settle").id("assignment-release-leftovers");

        RouteNodes.consumer("assignment-attempt-in", from("direct:assignment-attempt")).routeId("assignment-attempt")
                .bean(assignments, "claim").id("assignment-claim-lease")
                .filter(body().isNotNull()).id("assignment-when-claimed")
                    .choice().id("assignment-release-or-assign")
                        .when(method(assignments, "needsRelease")).id("assignment-when-needs-release")
                            .bean(assignments, "release").id("assignment-release")
                        .otherwise().id("assignment-when-due")
                            .bean(assignments, "begin").id("assignment-begin")
                            .setProperty(Assignments.TASK, body()).id("assignment-keep-task")
                            .circuitBreaker().id("partner-service-breaker")
                                .resilience4jConfiguration()
                                    .circuitBreaker(PartnerServiceBreaker.BEAN)
                                    .timeoutEnabled(true)
                                    .timeoutDuration((int) callBoundMillis)
                                    .timeoutExecutorService(CALLS)
                                .end()
                                .bean(partnerService, "assign").id("assignment-call-partner-service")
                            // A pipeline of its own: an id set after onFallback() lands on the breaker's last output.
                            .onFallback().pipeline().id("partner-service-fallback")
                                .bean(partnerService, "unavailable").id("assignment-partner-service-unavailable")
                            .end().end()
                            .bean(assignments, "complete").id("assignment-complete")
                    .end()
                .end();
    }

    private static Predicate eventType(String type) {
        return NamedPredicate.named("event " + type,
                exchange -> type.equals(exchange.getMessage().getBody(OrderEvent.class).type()));
    }

    private static String orderId(Exchange exchange) {
        return exchange.getMessage().getBody(OrderEvent.class).orderId();
    }
}
