package io.orderhub.problem;

/** The refusals of the HTTP contract, one type per case. */
public final class Problems {

    private Problems() {
    }

    public static final class PayloadTooLarge extends ProblemException {
        public PayloadTooLarge(long size, long limit) {
            super(413, "Payload Too Large", "The body has " + size + " bytes; deliveries are limited to " + limit + " bytes.");
        }
    }

    public static final class UnsupportedContentType extends ProblemException {
        public UnsupportedContentType(String contentType, String accepted) {
            super(415, "Unsupported Media Type", "Content type '" + contentType + "' is not accepted here; send " + accepted + ".");
        }
    }

    public static final class UnknownPlatform extends ProblemException {
        public UnknownPlatform(String detail) {
            super(400, "Unknown Platform", detail);
        }
    }

    public static final class Unauthenticated extends ProblemException {
        public Unauthenticated(String detail) {
            super(401, "Unauthorized", detail);
        }
    }

    public static final class MalformedPayload extends ProblemException {
        public MalformedPayload(String detail) {
            super(400, "Malformed Payload", detail);
        }
    }

    public static final class RateLimited extends ProblemException {
        public RateLimited(String store, int retryAfterSeconds) {
            super(429, "Too Many Requests", "Store " + store + " exceeded its delivery rate; retry after "
                    + retryAfterSeconds + " s.", retryAfterSeconds, null);
        }
    }

    public static final class UpstreamUnavailable extends ProblemException {
        public UpstreamUnavailable(String detail, int retryAfterSeconds, Throwable cause) {
            super(503, "Service Unavailable", detail, retryAfterSeconds, cause);
        }
    }

    public static final class StoreUnavailable extends ProblemException {
        public StoreUnavailable(String detail, int retryAfterSeconds, Throwable cause) {
            super(503, "Service Unavailable", detail, retryAfterSeconds, cause);
        }
    }

    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(404, "Not Found", detail);
        }
    }

    public static final class Unprocessable extends ProblemException {
        public Unprocessable(String detail) {
            super(422, "Unprocessable Content", detail);
        }
    }

    public static final class BadRequest extends ProblemException {
        public BadRequest(String detail) {
            super(400, "Bad Request", detail);
        }
    }

    /** The request is valid but contradicts the current state (a choice not offered now, no partner that fits). */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(409, "Conflict", detail);
        }
    }
}
