package io.orderhub.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mongo.StoreFailures;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.ReplayedDelivery;
import io.orderhub.platform.StoreRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code import-queue-drain-pass} route, which imports the queued deliveries, oldest first,
 * once the store is back: batch by batch, each delivery re-enters its platform route like an operator's replay
 * ({@link Deliveries#REPLAY}: its signature was verified at receipt), so the idempotent consumer and the
 * unique index decide exactly as for a webhook, and a delivery imported twice (a crash between import and
 * removal, two queued copies) is a duplicate, never a second order. The first failure stops the pass, keeping
 * the order; the next pass starts again from there.
 *
 * <p>On shutdown {@link QueueShutdown} makes one last pass with a deadline.
 */
@Component
@ConditionalOnRole("import")
public class QueueDrainer {

    /** A pass over the queue; with a {@link #DEADLINE} header (an {@link Instant}) it is the last one. */
    public static final String DRAIN = "direct:import-queue-drain";
    /** Meter name: queued deliveries imported. */
    public static final String DRAINED = "orderhub.queue.drained";
    /** Meter name: import attempts that failed and left their delivery queued, by {@code cause} (store, other). */
    public static final String DEFERRED = "orderhub.queue.deferred";
    /** Header of the shutdown's last pass: when it must end. */
    public static final String DEADLINE = "orderhubDrainDeadline";

    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);
    private static final String PASS = "orderhubDrainPass";
    private static final String QUEUED = "orderhubQueuedDelivery";

    private final ImportQueue queue;
    private final StoreRegistry stores;
    private final int batch;
    private final Counter drained;
    private final Map<String, Counter> deferred;
    // One pass at a time: the shutdown's last pass waits for a timer pass (which its stop ends) to finish.
    private final Semaphore onePass = new Semaphore(1);
    private volatile boolean running = true;

    public QueueDrainer(ImportQueue queue, StoreRegistry stores, OrderHubProperties properties, MeterRegistry meters) {
        this.queue = queue;
        this.stores = stores;
        this.batch = properties.queue().drainBatch();
        this.drained = Counter.builder(DRAINED).register(meters);
        this.deferred = Map.of("store", Counter.builder(DEFERRED).tag("cause", "store").register(meters),
                "other", Counter.builder(DEFERRED).tag("cause", "other").register(meters));
    }

    /** A pass under way: how many it imported, and whether it must stop before the next delivery. */
    public static final class Pass {
        private final Instant deadline;
        private boolean failed;
        private boolean exhausted;
        private int imported;

        private Pass(Instant deadline) {
            this.deadline = deadline;
        }

        public int imported() {
            return imported;
        }
    }

    /**
     * Starts a pass if there is anything to drain and this instance may drain now; the timer's passes end
     * with {@link #lastPass()}. A started pass must be {@link #release released}.
     */
    public boolean claim(Exchange exchange) {
        Instant deadline = exchange.getMessage().getHeader(DEADLINE, Instant.class);
        if (deadline == null && !running) {
            return false;
        }
        onePass.acquireUninterruptibly();
        try {
            if (queue.depth() > 0 && queue.claimDrain()) {
                exchange.setProperty(PASS, new Pass(deadline));
                return true;
            }
        } catch (RuntimeException queueUnavailable) {
            // Nothing can be drained from a queue that cannot be read; the next pass tries again.
        }
        onePass.release();
        return false;
    }

    /** Whether the pass goes on to the next delivery. */
    public boolean going(@ExchangeProperty(PASS) Pass pass) {
        boolean stopping = pass.deadline == null ? !running : Instant.now().isAfter(pass.deadline);
        return !pass.failed && !pass.exhausted && !stopping;
    }

    /** The oldest queued deliveries; none ends the pass. */
    public List<QueuedDelivery> nextBatch(@ExchangeProperty(PASS) Pass pass) {
        List<QueuedDelivery> entries = queue.oldest(batch);
        pass.exhausted = entries.isEmpty();
        return entries;
    }

    /** A queued delivery as the delivery to replay; its store may have been removed meanwhile (then null). */
    public ReplayedDelivery replayed(Exchange exchange) {
        QueuedDelivery entry = exchange.getMessage().getBody(QueuedDelivery.class);
        exchange.setProperty(QUEUED, entry);
        return new ReplayedDelivery(entry.platform(), stores.find(entry.platform(), entry.storeUid()).orElse(null),
                entry.inboundDelivery(), false);
    }

    /** Imported: removed from the queue. */
    public void imported(@ExchangeProperty(PASS) Pass pass, @ExchangeProperty(QUEUED) QueuedDelivery entry) {
        queue.acknowledge(entry);
        drained.increment();
        pass.imported++;
    }

    /** Not imported: it stays queued and the pass stops, so the queue keeps its order. */
    public void deferred(Exchange exchange) {
        Pass pass = exchange.getProperty(PASS, Pass.class);
        QueuedDelivery entry = exchange.getProperty(QUEUED, QueuedDelivery.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        pass.failed = true;
        boolean storeDown = StoreFailures.isStoreFailure(failure);
        deferred.get(storeDown ? "store" : "other").increment();
        if (storeDown) {
            log.debug("The store is still unavailable; {} stays queued", entry.queueId());
        } else {
            log.warn("Queued delivery {} ({}) failed and stays queued: {}", entry.queueId(), entry.idempotencyKey(),
                    failure.toString());
        }
    }

    /** The queue itself failed (read or removal): the pass ends, and the next starts again from the oldest. */
    public void interrupted(@ExchangeProperty(PASS) Pass pass, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        log.warn("Draining the import queue stopped after {} deliveries: {}", pass.imported, failure.toString());
    }

    /** Ends a claimed pass; its {@link Pass} becomes the body. */
    public Pass release(@ExchangeProperty(PASS) Pass pass) {
        try {
            if (pass.imported > 0) {
                log.info("Imported {} queued deliveries; {} left", pass.imported, queue.depth());
            }
        } finally {
            queue.releaseDrain();
            onePass.release();
        }
        return pass;
    }

    /** Ends the timer's passes, before the shutdown's last pass. */
    void stopRunning() {
        running = false;
    }

    /** How many deliveries are queued, when the queue can tell. */
    Optional<Long> depth() {
        try {
            return Optional.of(queue.depth());
        } catch (RuntimeException queueUnavailable) {
            return Optional.empty();
        }
    }
}
