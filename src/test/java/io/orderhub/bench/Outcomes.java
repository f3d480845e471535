package io.orderhub.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;

/** What each pre-generated request got: its HTTP status (0 not sent, -1 no answer) and the import outcome. */
final class Outcomes {

    enum Outcome { NONE, CREATED, DUPLICATE, UPDATED, STALE, QUEUED, OTHER }

    private final AtomicIntegerArray statuses;
    private final AtomicIntegerArray outcomes;

    Outcomes(int size) {
        statuses = new AtomicIntegerArray(size);
        outcomes = new AtomicIntegerArray(size);
    }

    void record(int index, int status, String body) {
        outcomes.set(index, outcome(body).ordinal());
        statuses.set(index, status);
    }

    int status(int index) {
        return statuses.get(index);
    }

    boolean answered(int index) {
        return statuses.get(index) != 0;
    }

    boolean acknowledged(int index) {
        int status = statuses.get(index);
        return status >= 200 && status < 300;
    }

    Outcome outcome(int index) {
        return Outcome.values()[outcomes.get(index)];
    }

    /** The {@code status} field of the hub's JSON answer, found without parsing the whole body. */
    static Outcome outcome(String body) {
        if (body == null) {
            return Outcome.NONE;
        }
        int at = body.indexOf("\"status\":\"");
        if (at < 0) {
            return Outcome.OTHER;
        }
        int from = at + 10;
        int to = body.indexOf('"', from);
        return switch (to < 0 ? "" : body.substring(from, to)) {
            case "created" -> Outcome.CREATED;
            case "duplicate" -> Outcome.DUPLICATE;
            case "updated" -> Outcome.UPDATED;
            case "stale" -> Outcome.STALE;
            case "queued" -> Outcome.QUEUED;
            default -> Outcome.OTHER;
        };
    }
}
