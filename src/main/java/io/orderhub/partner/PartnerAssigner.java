package io.orderhub.partner;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.partner.PartnerRegistry.Registered;
import io.orderhub.partner.PartnerRegistry.Unfinished;
import io.orderhub.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /partners/assign} and {@code /partners/release}: reserve the best partner's capacity for an
 * order, or give it back. Both are idempotent per order: a retry after a lost answer gets the partner
 * reserved the first time, and a release gives capacity back at most once. Each takes or gives back a unit as a
 * step the registry notes ({@link PartnerRegistry}), then writes the reservation and {@link #settle settles} the
 * step; a step a failure left behind is settled by the order's next call or by {@link #settleStale}.
 */
@Component
public record PartnerAssigner(PartnerRegistry registry, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(PartnerAssigner.class);
    /** Tries of a release that meets another step of the same order under way at its partner. */
    private static final int RELEASE_TRIES = 5;

    public record Assignment(String partnerId, String reason) {
    }

    public Assignment assign(JsonNode order) {
        String orderId = orderId(order);
        List<Registered> partners = registry.all();
        // A step an earlier call for this order left unfinished (the store failed under it) is finished first, so
        // the retry gets the partner that call reserved.
        List<Unfinished> unfinished = partners.stream().flatMap(p -> p.unfinished().stream())
                .filter(step -> step.orderId().equals(orderId)).toList();
        if (!unfinished.isEmpty()) {
            settle(unfinished);
            Optional<Assignment> reserved = alreadyReserved(orderId);
            if (reserved.isPresent()) {
                return reserved.get();
            }
        }
        // No read of the order's reservation first: almost every call is an order's first, and a retry finds its
        // reservation when recording one fails (or when nothing has room), so the answer is the same.
        PartnerMatcher.Match match = PartnerMatcher.match(order, partners);
        for (PartnerMatcher.Candidate candidate : match.candidates()) {
            Optional<Unfinished> taken = registry.reserve(candidate.registered(), orderId, clock.millis());
            if (taken.isEmpty()) {
                continue; // filled up since it was read: the next best one
            }
            String partnerId = candidate.registered().partner().id();
            // Recorded now, or the order holds a reservation already (a retry after a lost answer, or a concurrent
            // call won): then this unit goes back and the answer is that one.
            return partnerId.equals(settle(taken.get())) ? new Assignment(partnerId, candidate.reason())
                    : alreadyReserved(orderId).orElseThrow();
        }
        return alreadyReserved(orderId).orElseThrow(() -> new Problems.Conflict(match.noneReason() != null
                ? match.noneReason() : "Every partner serving this address filled up while the order was being assigned."));
    }

    /** One order's answer in a batch: its partner, or why none fits ({@code noneFits}). */
    public record BatchAnswer(String orderId, Assignment assigned, String noneFits) {
    }

    /**
     * {@link #assign} for several orders at once, each answered as that call would answer it. The partners are read
     * once; the orders whose best match is the same partner take their units in one change and write their
     * reservations in one insert, so a batch costs a few writes rather than three per order. What the common case
     * does not cover (an order with a step under way, no match, a partner without room for the whole group, a
     * reservation refused) goes through {@link #assign} one order at a time.
     */
    public List<BatchAnswer> assignAll(List<JsonNode> orders) {
        List<Registered> partners = registry.all();
        Set<String> underWay = partners.stream().flatMap(p -> p.unfinished().stream()).map(Unfinished::orderId)
                .collect(Collectors.toSet());
        BatchAnswer[] answers = new BatchAnswer[orders.size()];
        PartnerMatcher.Candidate[] best = new PartnerMatcher.Candidate[orders.size()];
        Map<String, List<Integer>> byPartner = new LinkedHashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            String orderId = orderId(orders.get(i));
            List<PartnerMatcher.Candidate> candidates = underWay.contains(orderId) ? List.of()
                    : PartnerMatcher.match(orders.get(i), partners).candidates();
            if (candidates.isEmpty()) {
                answers[i] = one(orders.get(i));
                continue;
            }
            best[i] = candidates.get(0);
            byPartner.computeIfAbsent(best[i].registered().partner().id(), id -> new ArrayList<>()).add(i);
        }
        byPartner.forEach((partnerId, group) -> {
            List<String> orderIds = group.stream().map(i -> orderId(orders.get(i))).toList();
            Optional<List<Unfinished>> taken = registry.reserveAll(best[group.get(0)].registered(), orderIds, clock.millis());
            boolean recorded = taken.isPresent() && registry.recordAll(taken.get());
            for (int k = 0; k < group.size(); k++) {
                int i = group.get(k);
                if (taken.isEmpty()) {
                    answers[i] = one(orders.get(i));
                } else if (recorded) {
                    registry.finish(taken.get().get(k));
                    answers[i] = assigned(orderIds.get(k), new Assignment(partnerId, best[i].reason()));
                } else {
                    // As one call settles its step: the order's reservation is this one, or one it held already.
                    String holder = settle(taken.get().get(k));
                    answers[i] = holder == null ? one(orders.get(i)) : assigned(orderIds.get(k), new Assignment(holder,
                            holder.equals(partnerId) ? best[i].reason() : "already reserved for this order"));
                }
            }
        });
        return List.of(answers);
    }

    private BatchAnswer one(JsonNode order) {
        try {
            return assigned(orderId(order), assign(order));
        } catch (Problems.Conflict noneFits) {
            return new BatchAnswer(orderId(order), null, noneFits.detail());
        }
    }

    private static BatchAnswer assigned(String orderId, Assignment assignment) {
        return new BatchAnswer(orderId, assignment, null);
    }

    private Optional<Assignment> alreadyReserved(String orderId) {
        return registry.reservationOf(orderId).map(partnerId -> new Assignment(partnerId, "already reserved for this order"));
    }

    /**
     * An operator's choice: this partner, whatever zone and rules say, but never over its capacity. The
     * order's previous reservation, if any, is given back.
     */
    public Assignment reassign(JsonNode order, String partnerId) {
        String orderId = orderId(order);
        Registered target = registry.find(partnerId)
                .orElseThrow(() -> new Problems.NotFound("No partner with id '" + partnerId + "'."));
        settle(registry.unfinished(orderId));
        Optional<String> previous = registry.reservationOf(orderId);
        if (previous.filter(partnerId::equals).isPresent()) {
            return new Assignment(partnerId, "already reserved for this order");
        }
        Optional<Unfinished> taken = target.partner().active() ? registry.reserve(target, orderId, clock.millis()) : Optional.empty();
        if (taken.isEmpty()) {
            throw new Problems.Conflict("Partner '" + partnerId + "' is inactive or at capacity.");
        }
        // The previous reservation goes before the new one is written: a failure in between leaves steps that,
        // settled (the release first), complete the move, never a unit that no reservation accounts for.
        previous.flatMap(from -> registry.giveBack(from, orderId, clock.millis())).ifPresent(this::settle);
        settle(taken.get());
        return new Assignment(partnerId, "chosen by an operator");
    }

    /** Gives an order's capacity back; the partner it was released from, or empty if it held none. */
    public Optional<String> release(String orderId) {
        for (int tries = 0; tries < RELEASE_TRIES; tries++) {
            settle(registry.unfinished(orderId));
            Optional<String> holder = registry.reservationOf(orderId);
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            Optional<Unfinished> given = registry.giveBack(holder.get(), orderId, clock.millis());
            if (given.isPresent()) {
                settle(given.get());
                log.info("Released {}'s capacity held by order {}", holder.get(), orderId);
                return holder;
            }
        }
        throw new IllegalStateException("Order " + orderId + "'s reservation kept changing while being released");
    }

    /** Settles the steps that failures left behind more than {@code ageMillis} ago, and removes the settled ones. */
    public void settleStale(long ageMillis) {
        long before = clock.millis() - ageMillis;
        settle(registry.all().stream().flatMap(p -> p.unfinished().stream()).filter(step -> step.at() < before).toList());
        registry.removeSettledSteps();
    }

    /** Releases first: of a reassignment cut short, the release and then the reservation complete the move. */
    private void settle(List<Unfinished> steps) {
        steps.stream().sorted(Comparator.comparing(Unfinished::reserving)).forEach(this::settle);
    }

    /**
     * Makes the order's reservation agree with a step and removes the step; safe to run more than once and
     * concurrently. A unit taken for an order that holds another reservation (at this partner or another) goes back.
     *
     * @return the partner holding the order's reservation afterwards, or null
     */
    String settle(Unfinished step) {
        if (!step.reserving()) {
            registry.removeReservation(step.orderId(), step.partnerId());
            registry.finish(step);
            return null;
        }
        if (registry.record(step) || registry.recordedBy(step)) {
            registry.finish(step);
            return step.partnerId();
        }
        String holder = registry.reservationOf(step.orderId()).orElse(null);
        if (holder != null) {
            registry.undo(step);
        }
        // holder null: released between the reads; the step stays for the next settling.
        return holder;
    }

    private static String orderId(JsonNode order) {
        String orderId = order.path("id").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new Problems.BadRequest("The order needs its hub 'id'.");
        }
        return orderId;
    }
}
