package io.orderhub.queue;

import java.util.List;

/**
 * The durable queue of deliveries that arrived while the store was unavailable. {@link #append} returns
 * only once the entry is durable, so the platform may be answered 202 {@code queued}; it throws when it
 * cannot make it durable, and the platform is then answered 503 to retry. Entries are read oldest first
 * and removed only after they were imported (at least once; the idempotent path makes that exactly once).
 */
public interface ImportQueue extends AutoCloseable {

    /** Keeps the delivery durably and returns its queue id. */
    String append(QueuedDelivery delivery);

    /** Up to {@code max} of the oldest entries, in arrival order, with their queue ids. */
    List<QueuedDelivery> oldest(int max);

    /** Removes an entry returned by {@link #oldest} once it is imported. */
    void acknowledge(QueuedDelivery delivery);

    long depth();

    /** Whether this instance may drain now; a queue shared between instances is drained by one at a time. */
    default boolean claimDrain() {
        return true;
    }

    default void releaseDrain() {
    }

    @Override
    default void close() {
    }
}
