package io.orderhub.routes;

import java.util.List;
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
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
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
    /** New orders waiting to be taken together for their first attempt; full, as above: the poll finds them. */
    private static final String NEW_ORDERS = "seda:assignment-new-orders?size=10000&blockWhenFull=false&discardWhenFull=true";
    /** The registry name of the pool that runs the breaker's time-limited calls. */
    private static final String CALLS = "partner-service-calls";
    /** The registry name of the breaker's configuration, shared by the routes that call the Partner Service. */
    private static final String BREAKER = "partner-service-breaker-configuration";

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
    public void configure() throws Exception {
        // Without a pool of its own the breaker hands each time-limited call to CompletableFuture.supplyAsync, whose
        // common pool has parallelism 1 on two cores and so starts a thread per call: ~16 threads a second under
        // load in a profile, a twentieth of the hub's CPU. Cached: each waiting attempt holds one thread, so the pool
        // never outgrows the attempts in flight; Camel shuts it down with the context.
        getContext().getRegistry().bind(CALLS, ExecutorService.class,
                getContext().getExecutorServiceManager().newCachedThreadPool(this, "partner-call"));
        // One breaker for every call, an order's own or a batch's: the same state, time limit and pool.
        getContext().getRegistry().bind(BREAKER, Resilience4jConfigurationDefinition.class, new Resilience4jConfigurationDefinition()
                .circuitBreaker(PartnerServiceBreaker.BEAN).timeoutEnabled(true).timeoutDuration((int) callBoundMillis)
                .timeoutExecutorService(CALLS));

        onException(Exception.class).id("assignment-on-failure").handled(true)
                .log(LoggingLevel.WARN, "Assignment step failed; the order stays due for the next poll: ${exception.message}")
                .id("assignment-log-failure");

        // Events are shared with other consumers (the dashboard): hand the order over and return at once,
        // so a slow Partner Service never holds up anyone's events.
        // Plain Java over the event record: a simple expression's ${body.type} is a reflective bean call per event.
        RouteNodes.consumer("assignment-events-in", from(OrderEvent.ENDPOINT)).routeId("assignment-events")
                .choice().id("assignment-event-type")
                    .when(eventType(OrderEvent.CREATED)).id("assignment-when-created")
                        .setBody(AssignmentRoute::orderId).id("assignment-created-order-id")
                        .to(NEW_ORDERS).id("assignment-queue-new-order")
                    .when(eventType(OrderEvent.CANCELLED)).id("assignment-when-cancelled")
                        .setBody(AssignmentRoute::orderId).id("assignment-cancelled-order-id")
                        .bean(assignments, "cancelledOnPlatform").id("assignment-cancelled-on-platform")
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
                    .choice().id("assignment-pending-or-not")
                        .when(NamedPredicate.named("still pending", exchange -> dueOrder(exchange).pending()))
                                .id("assignment-when-pending")
                            .setBody(exchange -> dueOrder(exchange).orderId()).id("assignment-pending-order-id")
                            .to(NEW_ORDERS).id("assignment-poll-to-new-orders")
                        .otherwise().id("assignment-when-not-pending")
                            .setBody(exchange -> dueOrder(exchange).orderId()).id("assignment-due-order-id")
                            .to("direct:assignment-attempt").id("assignment-poll-to-attempt")
                    .end()
                .end();

        // New orders are taken in batches: one claim, one Partner Service call and one write of the outcomes for up
        // to batch-size orders, so the store's cost per order falls as the load rises. Batches run on `workers`
        // threads; when all are busy the queue's consumer waits, the queue fills and the poll picks up the rest.
        ExecutorService batches = new ThreadPoolBuilder(getContext()).poolSize(properties.workers())
                .maxPoolSize(properties.workers()).maxQueueSize(properties.workers())
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build(this, "assignment-batch");
        RouteNodes.consumer("assignment-new-orders-in", from(NEW_ORDERS)).routeId("assignment-new-orders")
                .aggregate(constant(true), new GroupedBodyAggregationStrategy()).id("assignment-gather-new-orders")
                    .completionSize(properties.batchSize())
                    .completionInterval(Math.max(1, properties.batchWait().toMillis()))
                    .parallelProcessing().executorService(batches)
                .to("direct:assignment-batch").id("assignment-new-orders-to-batch");

        RouteNodes.consumer("assignment-batch-in", from("direct:assignment-batch")).routeId("assignment-batch")
                .bean(assignments, "claimAll").id("assignment-claim-batch")
                .filter(NamedPredicate.named("claimed any", exchange -> !exchange.getMessage().getBody(List.class).isEmpty()))
                        .id("assignment-when-batch-claimed")
                    .setProperty(Assignments.TASKS, body()).id("assignment-keep-tasks")
                    .circuitBreaker().configuration(BREAKER).id("partner-service-batch-breaker")
                        .bean(partnerService, "assignAll").id("assignment-call-partner-service-batch")
                    .onFallback().pipeline().id("partner-service-batch-fallback")
                        .bean(partnerService, "unavailableAll").id("assignment-partner-service-unavailable-batch")
                    .end().end()
                    .bean(assignments, "completeAll").id("assignment-complete-batch")
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
                            .circuitBreaker().configuration(BREAKER).id("partner-service-breaker")
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

    private static DueOrder dueOrder(Exchange exchange) {
        return exchange.getMessage().getBody(DueOrder.class);
    }

    private static String orderId(Exchange exchange) {
        return exchange.getMessage().getBody(OrderEvent.class).orderId();
    }
}
