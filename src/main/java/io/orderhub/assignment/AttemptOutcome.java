package io.orderhub.assignment;

/**
 * What one call to the Partner Service came to: a partner, no partner that fits (a business answer, which
 * never counts against the circuit breaker), or the service unavailable (error, timeout, open breaker).
 */
public record AttemptOutcome(Kind kind, String partnerId, String detail) {

    public enum Kind { ASSIGNED, NONE_FITS, UNAVAILABLE }

    public static AttemptOutcome assigned(String partnerId, String reason) {
        return new AttemptOutcome(Kind.ASSIGNED, partnerId, reason);
    }

    public static AttemptOutcome noneFits(String detail) {
        return new AttemptOutcome(Kind.NONE_FITS, null, detail);
    }

    public static AttemptOutcome unavailable(String detail) {
        return new AttemptOutcome(Kind.UNAVAILABLE, null, detail);
    }

    public boolean isAssigned() {
        return kind == Kind.ASSIGNED;
    }
}
