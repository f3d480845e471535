package io.orderhub.dashboard;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This instance's subscription to the fan-out channel. A dashboard started while Redis is down starts without it
 * (it still shows the events posted to it, and its resync catches up from the store) and subscribes once Redis
 * answers, so that a restart during an outage does not crash-loop.
 */
final class DashboardSubscription implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DashboardSubscription.class);

    private final RedisMessageListenerContainer container;
    /** The container's listener thread: shut down with it (the container shuts down only executors it made). */
    private final ExecutorService listener;
    private final String channel;
    private final Duration retry;
    private ScheduledExecutorService retries;
    private volatile boolean running;

    DashboardSubscription(RedisMessageListenerContainer container, ExecutorService listener, String channel,
            Duration retry) {
        this.container = container;
        this.listener = listener;
        this.channel = channel;
        this.retry = retry;
    }

    /** Subscribes now, or, when Redis does not answer, every {@code retry} in the background until it does. */
    @Override
    public void start() {
        running = true;
        RuntimeException failure = trySubscribe();
        if (failure == null) {
            return;
        }
        log.warn("Redis does not answer: the dashboard starts without its subscription to channel {} (it shows the "
                + "events posted to it only) and tries again every {}: {}", channel, retry, failure.toString());
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dashboard-subscribe");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(this::retry, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
        RuntimeException failure = trySubscribe();
        if (failure == null) {
            log.info("Subscribed to Redis channel {}: events posted to other dashboard instances reach this one again",
                    channel);
            retries.shutdown();
        } else {
            log.debug("Still no subscription to Redis channel {}: {}", channel, failure.toString());
        }
    }

    /** @return null once subscribed, else why not */
    private RuntimeException trySubscribe() {
        try {
            container.start();
            return null;
        } catch (RuntimeException e) {
            // The container's recovery backoff covers a subscription it had and lost, not one it never got: after a
            // failed first start it counts as started and does nothing more, so it is stopped for the next start().
            container.stop();
            return e;
        }
    }

    /**
     * Unsubscribes. The last phase: started after everything it hands messages to, and stopped first, while Redis's
     * connection factory (a lifecycle bean of phase 0) still runs; left to the beans' destruction, the unsubscribe
     * found the connections closed, and every stop logged a warning and a stack trace.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (retries != null) {
            retries.shutdownNow();
            try {
                retries.awaitTermination(retry.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            container.destroy();
        } catch (Exception e) {
            log.warn("Could not end the subscription to Redis channel {} cleanly: {}", channel, e.toString());
        } finally {
            listener.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** A context that fails while starting is destroyed without being stopped. */
    @Override
    public void destroy() {
        stop();
    }
}
