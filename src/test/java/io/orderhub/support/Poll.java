package io.orderhub.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for something that happens after an answer (history entries, events), without fixed sleeps. */
public final class Poll {

    private Poll() {
    }

    /** The first value that satisfies the condition, or the last one seen when time runs out. */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return until(timeout, Duration.ofMillis(20), probe, done);
    }

    /** The same, probing every {@code every}: for probes that cost something (a scan of a store, a new connection). */
    public static <T> T until(Duration timeout, Duration every, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = probe.get();
        }
        return value;
    }
}
