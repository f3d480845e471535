package io.orderhub.queue;

import io.orderhub.config.ConditionalOnRole;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The import queue's part of a graceful shutdown: after the web server has finished its in-flight requests
 * and before it and Camel stop, one last pass imports what is queued; what the store cannot take stays
 * queued for the next start (or another instance). A bean of its own, without the Camel context among its
 * dependencies, so that Spring does not start Camel early when it starts this lifecycle.
 */
@Component
@ConditionalOnRole("import")
class QueueShutdown implements SmartLifecycle {

    private final QueueDrainer drainer;
    private volatile boolean running;

    QueueShutdown(QueueDrainer drainer) {
        this.drainer = drainer;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        drainer.lastPass();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped after the web server's graceful-shutdown phase (higher, stopped first), before the web server and Camel. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1536;
    }
}
