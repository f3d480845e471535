package io.orderhub.assignment;

import java.util.List;

import org.bson.Document;

/**
 * An order's {@code delivery} block as the timeline reads it. Besides the contract's fields the block keeps
 * the assignment's own state, all durable so any instance can carry on after a restart:
 * {@code version} (incremented by every change; changes are conditional on it), {@code attempts},
 * {@code phase_started_ms} (when the current search phase began, epoch ms), {@code next_attempt_ms} (due
 * time of the next attempt; absent means now), {@code decision_deadline_ms} (when an unanswered choice turns
 * into background), {@code background_attempts}, {@code last_error}, {@code release_pending} (a cancelled
 * order whose capacity is still to be given back) and the lease, {@code lease_owner} and
 * {@code lease_until_ms}.
 */
public record DeliveryState(String orderId, String status, String partnerId, Integer version, int attempts,
        Long phaseStartedMs, Long decisionDeadlineMs, int backgroundAttempts, List<String> choiceOffered,
        boolean releasePending) {

    public static DeliveryState of(Document order) {
        Document d = order.get("delivery", Document.class);
        if (d == null) {
            d = new Document("status", DeliveryStatus.PENDING);
        }
        return new DeliveryState(order.getString("_id"), d.getString("status"), d.getString("partner_id"),
                d.getInteger("version"), number(d, "attempts").intValue(), longOrNull(d, "phase_started_ms"),
                longOrNull(d, "decision_deadline_ms"), number(d, "background_attempts").intValue(),
                d.getList("choice_offered", String.class), Boolean.TRUE.equals(d.getBoolean("release_pending")));
    }

    public boolean offers(String choice) {
        return choiceOffered != null && choiceOffered.contains(choice);
    }

    private static Number number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n : 0;
    }

    private static Long longOrNull(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : null;
    }
}
