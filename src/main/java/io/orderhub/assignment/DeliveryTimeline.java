package io.orderhub.assignment;

import static io.orderhub.assignment.DeliveryStatus.ASSIGNED;
import static io.orderhub.assignment.DeliveryStatus.ASSIGNING;
import static io.orderhub.assignment.DeliveryStatus.BACKGROUND;
import static io.orderhub.assignment.DeliveryStatus.CANCELLED;
import static io.orderhub.assignment.DeliveryStatus.DELAYED;
import static io.orderhub.assignment.DeliveryStatus.EXTENDED_SEARCH;
import static io.orderhub.assignment.DeliveryStatus.FAILED;
import static io.orderhub.assignment.DeliveryStatus.PENDING;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * The seed's resilience timeline as a state machine over the delivery block; it decides, the
 * {@link Assignments} persist. Attempts go on in every searching status, including while the customer
 * thinks about a choice: a partner found then simply ends the wait.
 *
 * <pre>
 * pending ─claim─▶ assigning ──initial-search over──▶ delayed [wait, cancel]
 *   wait ─▶ extended_search ──extended-search over──▶ delayed [background, cancel]
 *   background (chosen, or no answer within decision-timeout) ─▶ background, exponential backoff
 *   any searching status ─partner─▶ assigned;  breaker open > extended-outage ─▶ assigned to the default, needs_review
 *   cancel (customer or platform) ─▶ cancelled, capacity released;  give-up-after in background ─▶ failed
 * </pre>
 */
@Component
public record DeliveryTimeline(AssignmentProperties properties) {

    public static final String WAIT = "wait";
    public static final String CANCEL = "cancel";
    public static final String BACKGROUND_CHOICE = "background";

    /** The first claim of a new order starts the search. */
    public Optional<Transition> begin(DeliveryState state, Instant now) {
        return PENDING.equals(state.status()) ? Optional.of(start(now)) : Optional.empty();
    }

    /** The search's start, for a claim that is only made of a pending order. */
    public Transition start(Instant now) {
        return Transition.to(ASSIGNING, "Finding delivery partner...").set("phase_started_ms", now.toEpochMilli());
    }

    public Transition afterAttempt(DeliveryState state, AttemptOutcome outcome, Instant now, Optional<Duration> outage) {
        if (!DeliveryStatus.isSearching(state.status())) {
            // Cancelled while the call was out: what it reserved goes back.
            Transition stay = Transition.stay(state.status());
            return CANCELLED.equals(state.status()) && outcome.isAssigned() ? stay.set("release_pending", true) : stay;
        }
        if (outcome.isAssigned()) {
            String detail = BACKGROUND.equals(state.status())
                    ? "Partner found in background: " + outcome.partnerId() + "; customer notified"
                    : "Assigned to " + outcome.partnerId() + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
            return assigned(outcome.partnerId(), false, detail, now);
        }
        if (outcome.kind() == AttemptOutcome.Kind.UNAVAILABLE && outage.isPresent()
                && outage.get().compareTo(properties.extendedOutage()) >= 0) {
            return assigned(properties.defaultPartnerId(), true, "Partner Service unavailable for "
                    + outage.get().toSeconds() + " s: assigned to the default partner " + properties.defaultPartnerId()
                    + " for an operator to review", now);
        }
        long nowMs = now.toEpochMilli();
        long phaseStarted = state.phaseStartedMs() == null ? nowMs : state.phaseStartedMs();
        long inPhase = nowMs - phaseStarted;
        Transition next = switch (state.status()) {
            case PENDING, ASSIGNING -> inPhase >= properties.initialSearch().toMillis()
                    ? offer(List.of(WAIT, CANCEL), "Taking longer than usual to find a partner: wait "
                            + humane(properties.extendedSearch()) + " more, or cancel?", nowMs)
                    : retry(ASSIGNING, nowMs).set("phase_started_ms", phaseStarted);
            case EXTENDED_SEARCH -> inPhase >= properties.extendedSearch().toMillis()
                    ? offer(List.of(BACKGROUND_CHOICE, CANCEL),
                            "Still no partner: process in background and notify you, or cancel?", nowMs)
                    : retry(EXTENDED_SEARCH, nowMs);
            case DELAYED -> state.decisionDeadlineMs() != null && nowMs >= state.decisionDeadlineMs()
                    ? background("No answer from the customer: looking for a partner in background", nowMs)
                    : retry(DELAYED, nowMs);
            default -> inPhase >= properties.background().giveUpAfter().toMillis()
                    ? Transition.to(FAILED, "No delivery partner found after " + humane(properties.background().giveUpAfter())
                            + " in background").set("choice_offered", null)
                    : Transition.stay(BACKGROUND).set("next_attempt_ms", nowMs + backoff(state.backgroundAttempts()))
                            .set("background_attempts", state.backgroundAttempts() + 1);
        };
        return next.set("attempts", state.attempts() + 1).set("last_error", outcome.detail());
    }

    /** The customer's answer to the choice offered now; 409 when that choice is not offered. */
    public Transition decide(DeliveryState state, String choice, Instant now) {
        if (!state.offers(choice)) {
            throw new Problems.Conflict("The choice '" + choice + "' is not offered now (delivery is " + state.status()
                    + (state.choiceOffered() == null ? ", no choice offered" : ", choices: " + state.choiceOffered()) + ").");
        }
        long nowMs = now.toEpochMilli();
        return switch (choice) {
            case WAIT -> Transition.to(EXTENDED_SEARCH, "Customer chose to wait: searching "
                    + humane(properties.extendedSearch()) + " more").set("phase_started_ms", nowMs).set("next_attempt_ms", nowMs)
                    .set("choice_offered", null).set("decision_deadline_ms", null);
            case BACKGROUND_CHOICE -> background("Customer chose background processing: we will notify when a partner is found", nowMs);
            default -> cancel(state, "Order cancelled by the customer").orElseThrow();
        };
    }

    /** Cancels the search or the assignment; the order's capacity is then released, exactly once. */
    public Optional<Transition> cancel(DeliveryState state, String detail) {
        if (CANCELLED.equals(state.status())) {
            return Optional.empty();
        }
        return Optional.of(Transition.to(CANCELLED, detail).set("choice_offered", null).set("decision_deadline_ms", null)
                .set("release_pending", true).set("next_attempt_ms", 0L));
    }

    public Transition reassigned(DeliveryState state, String partnerId, Instant now) {
        if (CANCELLED.equals(state.status())) {
            throw new Problems.Conflict("The order is cancelled; it has no delivery to reassign.");
        }
        return assigned(partnerId, false, "Reassigned by an operator" + (state.partnerId() == null ? "" : " from "
                + state.partnerId()) + " to " + partnerId, now);
    }

    private Transition assigned(String partnerId, boolean needsReview, String detail, Instant now) {
        return Transition.to(ASSIGNED, detail).set("partner_id", partnerId).set("assigned_at", now.toString())
                .set("needs_review", needsReview).set("choice_offered", null).set("decision_deadline_ms", null)
                .set("next_attempt_ms", null);
    }

    private Transition offer(List<String> choices, String detail, long nowMs) {
        return Transition.to(DELAYED, detail).set("choice_offered", choices)
                .set("decision_deadline_ms", nowMs + properties.decisionTimeout().toMillis())
                .set("next_attempt_ms", nowMs + properties.retryInterval().toMillis());
    }

    private Transition background(String detail, long nowMs) {
        return Transition.to(BACKGROUND, detail).set("phase_started_ms", nowMs).set("next_attempt_ms", nowMs)
                .set("background_attempts", 0).set("choice_offered", null).set("decision_deadline_ms", null);
    }

    private Transition retry(String status, long nowMs) {
        return Transition.stay(status).set("next_attempt_ms", nowMs + properties.retryInterval().toMillis());
    }

    private long backoff(int backgroundAttempts) {
        AssignmentProperties.Background b = properties.background();
        double pause = b.initialBackoff().toMillis() * Math.pow(b.multiplier(), Math.min(backgroundAttempts, 62));
        return (long) Math.min(pause, b.maxBackoff().toMillis());
    }

    private static String humane(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            long minutes = duration.toMinutes();
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
