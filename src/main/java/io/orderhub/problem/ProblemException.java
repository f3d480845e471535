package io.orderhub.problem;

/**
 * A refusal the caller can act on, answered as RFC 9457 problem+json. Each contract case has its own
 * subtype so routes and tests name the case, not a status code.
 */
public abstract class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;

    protected ProblemException(int status, String title, String detail) {
        this(status, title, detail, null, null);
    }

    protected ProblemException(int status, String title, String detail, Integer retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type's last path segment, e.g. {@code bad-signature}. */
    public String type() {
        StringBuilder slug = new StringBuilder(title.length());
        for (char c : title.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            slug.append(Character.isLetterOrDigit(c) ? c : '-');
        }
        return slug.toString();
    }

    public String detail() {
        return getMessage();
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
