package io.orderhub.mongo;

import com.mongodb.MongoException;
import org.apache.camel.Exchange;

/**
 * Recognises a failure of the store itself (unreachable, timed out, connection lost) wherever it sits in the
 * cause chain: camel-mongodb wraps driver errors, and a lost connection's root cause is an {@code IOException},
 * so matching an {@code onException} on the type alone would miss it.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoException) {
                return true;
            }
        }
        return false;
    }

    /** For {@code onException(…).onWhen(…)}: the exception being handled is a store failure. */
    public static boolean isStoreFailure(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isStoreFailure(failure);
    }
}
