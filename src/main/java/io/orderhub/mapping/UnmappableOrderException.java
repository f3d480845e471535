package io.orderhub.mapping;

/**
 * An authentic delivery that cannot become a universal order: no mapping for its platform, or
 * its mapping failed on this payload. The pipeline dead-letters it (202) with {@link #reason()}.
 */
public class UnmappableOrderException extends RuntimeException {

    private final String reason;

    public UnmappableOrderException(String reason) {
        this(reason, null);
    }

    public UnmappableOrderException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** What is wrong with the delivery, in words an operator can act on. */
    public String reason() {
        return reason;
    }
}
