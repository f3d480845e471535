package io.orderhub.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.orderhub.config.InstanceIds;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the assignment route and the delivery endpoints: claim an order with a lease, move it along
 * the {@link DeliveryTimeline}, persist each transition conditionally and publish it. A transition computed
 * from a version that changed meanwhile (a customer's decision during an attempt, say) is computed again
 * from the stored state, never forced.
 */
@Component
public class Assignments {

    /** Exchange property with the {@link AssignmentTask} during an attempt. */
    public static final String TASK = "orderhubAssignmentTask";
    /** Exchange property with the {@link AssignmentTask}s of a batch during its call, in the outcomes' order. */
    public static final String TASKS = "orderhubAssignmentTasks";
    private static final Logger log = LoggerFactory.getLogger(Assignments.class);
    private static final int MAX_CONFLICTS = 20;

    private final DeliveryRepository repository;
    private final DeliveryTimeline timeline;
    private final DeliveryEvents events;
    private final PartnerServiceBreaker breaker;
    private final PartnerServiceClient client;
    private final AssignmentProperties properties;
    private final LeftoverReservations leftovers;
    private final Clock clock;
    private final String instanceId;
    /** When the next poll may read the store (System.nanoTime()); see {@link #dueOrders()}. */
    private volatile long nextPollNanos = System.nanoTime();

    public Assignments(DeliveryRepository repository, DeliveryTimeline timeline, DeliveryEvents events,
            PartnerServiceBreaker breaker, PartnerServiceClient client, AssignmentProperties properties,
            LeftoverReservations leftovers, Clock clock) {
        this.repository = repository;
        this.timeline = timeline;
        this.events = events;
        this.breaker = breaker;
        this.client = client;
        this.properties = properties;
        this.leftovers = leftovers;
        this.clock = clock;
        this.instanceId = InstanceIds.configuredOrDefault(properties.instanceId());
    }

    /**
     * The orders due now, for the poll. A poll that had to read many orders (a store without the poll's index
     * reads them all) makes the next ones wait ten times as long, so the safety net never takes more than a
     * tenth of the store's time from the imports.
     */
    public List<DueOrder> dueOrders() {
        long started = System.nanoTime();
        if (started - nextPollNanos < 0) {
            return List.of();
        }
        List<DueOrder> due = repository.due(clock.instant(), properties.pollBatch());
        nextPollNanos = System.nanoTime() + 10 * (System.nanoTime() - started);
        return due;
    }

    /**
     * The order, leased to this instance, or null when it is not due or another instance works on it: a retry, a
     * background search, a release, or a pending order that came this way rather than in a batch of new orders
     * ({@link #claimAll}), which {@link #begin} then starts.
     */
    public AssignmentTask claim(String orderId) {
        return repository.claim(orderId, instanceId, clock.instant(), properties.lease())
                .map(order -> new AssignmentTask(order, DeliveryState.of(order))).orElse(null);
    }

    /**
     * New orders taken together: those still pending and free, leased to this instance and begun in one update
     * (see {@link DeliveryRepository#claimNewAll}); the others are someone else's or not due, and are left out.
     */
    public List<AssignmentTask> claimAll(List<String> orderIds) {
        Instant now = clock.instant();
        Transition start = timeline.start(now);
        List<Document> claimed = repository.claimNewAll(orderIds.stream().distinct().toList(), instanceId, now,
                properties.lease(), start);
        claimed.forEach(order -> published(order, start, now));
        return claimed.stream().map(order -> new AssignmentTask(order, DeliveryState.of(order))).toList();
    }

    /**
     * After a batch's call (or its fallback): each outcome in the body moves its order's timeline, all in one write
     * ({@link DeliveryRepository#applyAll}); an order changed meanwhile is computed again from its stored state, as
     * {@link #complete} does. The leases end.
     */
    public void completeAll(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<AssignmentTask> tasks = exchange.getProperty(TASKS, List.class);
        @SuppressWarnings("unchecked")
        List<AttemptOutcome> outcomes = exchange.getMessage().getBody(List.class);
        Instant now = clock.instant();
        Optional<Duration> outage = breaker.outageLength(now);
        List<DeliveryRepository.Change> changes = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            DeliveryState state = tasks.get(i).state();
            Transition next = timeline.afterAttempt(state, outcomes.get(i), now, outage);
            changes.add(new DeliveryRepository.Change(state, next != null ? next : Transition.stay(state.status())));
        }
        String token = tasks.get(0).order().get("delivery", Document.class).getString("claim");
        Set<String> applied = repository.applyAll(changes, token, now);
        for (int i = 0; i < tasks.size(); i++) {
            AssignmentTask task = tasks.get(i);
            AttemptOutcome outcome = outcomes.get(i);
            Optional<Document> changed;
            if (applied.contains(task.orderId())) {
                Document after = afterChange(task.order(), changes.get(i).transition());
                published(after, changes.get(i).transition(), now);
                changed = Optional.of(after);
            } else {
                changed = transition(task.orderId(), task.state(), state -> timeline.afterAttempt(state, outcome,
                        clock.instant(), breaker.outageLength(clock.instant())), true);
            }
            if (outcome.kind() == AttemptOutcome.Kind.UNAVAILABLE && changed.filter(leftovers::onDefaultPartner).isPresent()) {
                leftovers.remember(task.orderId(), now);
            }
        }
    }

    /** The order as {@code transition} left it, for its event: what was read at the claim with the new delivery fields. */
    private static Document afterChange(Document order, Transition transition) {
        Document delivery = new Document(order.get("delivery", Document.class));
        delivery.put("status", transition.status());
        delivery.putAll(transition.fields());
        Document after = new Document(order);
        after.put("delivery", delivery);
        return after;
    }

    public boolean needsRelease(AssignmentTask task) {
        return DeliveryStatus.CANCELLED.equals(task.state().status()) && task.state().releasePending();
    }

    /** A new order's search starts ({@code pending} → {@code assigning}); the lease is kept for the attempt. */
    public AssignmentTask begin(AssignmentTask task) {
        if (!DeliveryStatus.PENDING.equals(task.state().status())) {
            return task; // begun already (by its claim, or an earlier attempt): nothing to write, nothing to read
        }
        Optional<Document> changed = transition(task.orderId(), task.state(),
                state -> timeline.begin(state, clock.instant()).orElse(null), false);
        return changed.map(order -> new AssignmentTask(order, DeliveryState.of(order))).orElse(task);
    }

    /** After the call (or its fallback): the outcome in the body moves the timeline; the lease ends. */
    public void complete(Exchange exchange) {
        AssignmentTask task = exchange.getProperty(TASK, AssignmentTask.class);
        AttemptOutcome outcome = exchange.getMessage().getBody(AttemptOutcome.class);
        Optional<Document> changed = transition(task.orderId(), task.state(), state -> timeline.afterAttempt(state,
                outcome, clock.instant(), breaker.outageLength(clock.instant())), true);
        if (outcome.kind() == AttemptOutcome.Kind.UNAVAILABLE && changed.filter(leftovers::onDefaultPartner).isPresent()) {
            // The calls that failed may have reserved a partner all the same: released once the service answers.
            leftovers.remember(task.orderId(), clock.instant());
        }
    }

    /** Gives a cancelled order's capacity back; on failure the next poll tries again. */
    public void release(AssignmentTask task) {
        Instant now = clock.instant();
        Transition outcome;
        try {
            client.release(task.orderId());
            outcome = Transition.stay(DeliveryStatus.CANCELLED).set("release_pending", false).set("next_attempt_ms", null);
        } catch (RuntimeException e) {
            log.warn("Releasing the capacity of cancelled order {} failed; retrying: {}", task.orderId(), e.getMessage());
            outcome = Transition.stay(DeliveryStatus.CANCELLED)
                    .set("next_attempt_ms", now.toEpochMilli() + properties.retryInterval().toMillis());
        }
        Transition result = outcome;
        transition(task.orderId(), task.state(), state -> result, true);
    }

    /** The platform cancelled the order. */
    public void cancelledOnPlatform(String orderId) {
        current(orderId).ifPresent(state -> transition(orderId, state,
                s -> timeline.cancel(s, "Order cancelled on the platform").orElse(null), false));
    }

    /** {@code POST /orders/{id}/decision}: the new delivery block, or 409 when the choice is not offered now. */
    public Document decide(String orderId, String choice) {
        DeliveryState state = current(orderId).orElseThrow(() -> notFound(orderId));
        return publicBlock(transition(orderId, state, s -> timeline.decide(s, choice, clock.instant()), false)
                .orElseThrow(() -> notFound(orderId)));
    }

    /** {@code POST /orders/{id}/reassign}: the Partner Service moves the reservation, then the order follows. */
    public Document reassign(String orderId, String partnerId) {
        Document order = repository.find(orderId).orElseThrow(() -> notFound(orderId));
        DeliveryState state = DeliveryState.of(order);
        timeline.reassigned(state, partnerId, clock.instant()); // refuses a cancelled order before any call
        String assigned;
        try {
            assigned = client.reassign(order, partnerId);
        } catch (PartnerServiceException e) {
            throw new Problems.UpstreamUnavailable("The Partner Service is unavailable; retry the reassignment later.", 30, e);
        }
        return publicBlock(transition(orderId, state, s -> timeline.reassigned(s, assigned, clock.instant()), false)
                .orElseThrow(() -> notFound(orderId)));
    }

    /**
     * Computes a transition from the stored state and applies it to that version, again from the new state
     * when someone else changed it first. An empty transition means nothing to do; the stored order is
     * returned either way.
     */
    private Optional<Document> transition(String orderId, DeliveryState from, Function<DeliveryState, Transition> next,
            boolean endLease) {
        DeliveryState state = from;
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            Transition transition = next.apply(state);
            if (transition == null) {
                if (endLease) {
                    transition = Transition.stay(state.status());
                } else {
                    return repository.find(orderId);
                }
            }
            Instant now = clock.instant();
            Optional<Document> changed = repository.apply(state, transition, now, endLease);
            if (changed.isPresent()) {
                published(changed.get(), transition, now);
                return changed;
            }
            Optional<DeliveryState> reread = current(orderId);
            if (reread.isEmpty()) {
                return Optional.empty();
            }
            state = reread.get();
        }
        throw new IllegalStateException("Order " + orderId + "'s delivery kept changing while being updated");
    }

    /** A status change is logged and published as a delivery event; bookkeeping is not. */
    private void published(Document changed, Transition transition, Instant at) {
        if (!transition.isStatusChange()) {
            return;
        }
        // The step in between is only worth a line when debugging: the timeline keeps it anyway.
        if (DeliveryStatus.ASSIGNING.equals(transition.status())) {
            log.debug("Order {} delivery {}: {}", changed.getString("_id"), transition.status(), transition.detail());
        } else {
            log.info("Order {} delivery {}: {}", changed.getString("_id"), transition.status(), transition.detail());
        }
        events.changed(changed, at);
    }

    private Optional<DeliveryState> current(String orderId) {
        return repository.find(orderId).map(DeliveryState::of);
    }

    /** The delivery block as the contract shows it, without the assignment's bookkeeping. */
    public static Document publicBlock(Document order) {
        Document delivery = order.get("delivery", Document.class);
        Map<String, Object> block = new LinkedHashMap<>();
        for (String field : List.of("status", "partner_id", "assigned_at", "needs_review", "choice_offered", "history")) {
            block.put(field, delivery.get(field));
        }
        return new Document(block);
    }

    private static Problems.NotFound notFound(String orderId) {
        return new Problems.NotFound("No order with id '" + orderId + "'.");
    }
}
