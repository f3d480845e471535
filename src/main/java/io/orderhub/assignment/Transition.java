package io.orderhub.assignment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of an order's delivery block: the status afterwards, the history entry to add (null when the
 * change is only bookkeeping, such as the time of the next attempt) and the fields to set.
 */
public record Transition(String status, String detail, Map<String, Object> fields) {

    public static Transition to(String status, String detail) {
        return new Transition(status, detail, new LinkedHashMap<>());
    }

    /** Bookkeeping only: status unchanged, no history entry, no event. */
    public static Transition stay(String status) {
        return new Transition(status, null, new LinkedHashMap<>());
    }

    public Transition set(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public boolean isStatusChange() {
        return detail != null;
    }
}
