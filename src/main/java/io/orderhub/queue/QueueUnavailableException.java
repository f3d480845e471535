package io.orderhub.queue;

/** The import queue could not keep a delivery durably; nothing was acknowledged. */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
