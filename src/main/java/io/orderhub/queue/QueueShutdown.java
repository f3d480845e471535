package io.orderhub.queue;

import java.time.Duration;
import java.time.Instant;

import io.orderhub.config.ConditionalOnRole;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The import queue's part of a graceful shutdown: after the web server has finished its in-flight requests
 * and before it and Camel stop, one last pass of the drain route imports what is queued; what the store cannot
 * take stays queued for the next start (or another instance). The producer is looked up only then, so that
 * Spring does not start Camel early when it starts this lifecycle.
 */
@Component
@ConditionalOnRole("import")
class QueueShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueShutdown.class);
    private static final Duration LAST_PASS = Duration.ofSeconds(10);

    private final QueueDrainer drainer;
    private final ObjectProvider<ProducerTemplate> producer;
    private volatile boolean running;

    QueueShutdown(QueueDrainer drainer, ObjectProvider<ProducerTemplate> producer) {
        this.drainer = drainer;
        this.producer = producer;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        drainer.stopRunning();
        Object pass;
        try {
            pass = producer.getObject().requestBodyAndHeader(QueueDrainer.DRAIN, null, QueueDrainer.DEADLINE,
                    Instant.now().plus(LAST_PASS));
        } catch (RuntimeException notStarted) {
            // Camel never started (a failed start-up): what is queued stays queued for the next start.
            log.warn("Shutdown: no last pass over the import queue: {}", notStarted.toString());
            return;
        }
        int imported = pass instanceof QueueDrainer.Pass done ? done.imported() : 0;
        drainer.depth().ifPresentOrElse(
                left -> log.info("Shutdown: imported {} queued deliveries in the last pass; {} stay queued", imported, left),
                () -> log.info("Shutdown: imported {} queued deliveries in the last pass", imported));
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
