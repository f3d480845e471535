package io.orderhub.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.mongo.StoreFailures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports the queued deliveries, oldest first, once the store is back: each re-enters its platform route
 * like an operator's replay ({@link Deliveries#REPLAY}: its signature was verified at receipt), so the
 * idempotent consumer and the unique index decide exactly as for a webhook, and a delivery imported twice
 * (a crash between import and removal, two queued copies) is a duplicate, never a second order. The first
 * failure stops the pass, keeping the order; the next pass starts again from there.
 *
 * <p>On shutdown {@link QueueShutdown} makes one last pass with a deadline.
 */
@Component
@ConditionalOnRole("import")
public class QueueDrainer {

    /** The route a queued delivery is imported through. */
    public static final String ENDPOINT = "direct:queue-replay";
    /** Meter name: queued deliveries imported. */
    public static final String DRAINED = "orderhub.queue.drained";
    /** Meter name: import attempts that failed and left their delivery queued, by {@code cause} (store, other). */
    public static final String DEFERRED = "orderhub.queue.deferred";

    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);
    private static final Duration LAST_PASS = Duration.ofSeconds(10);

    private final ImportQueue queue;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final StoreRegistry stores;
    private final int batch;
    private final Counter drained;
    private final Map<String, Counter> deferred;
    private volatile boolean running = true;

    public QueueDrainer(ImportQueue queue, ProducerTemplate producer, CamelContext camel, StoreRegistry stores,
            OrderHubProperties properties, MeterRegistry meters) {
        this.queue = queue;
        this.producer = producer;
        this.camel = camel;
        this.stores = stores;
        this.batch = properties.queue().drainBatch();
        this.drained = Counter.builder(DRAINED).register(meters);
        this.deferred = Map.of("store", Counter.builder(DEFERRED).tag("cause", "store").register(meters),
                "other", Counter.builder(DEFERRED).tag("cause", "other").register(meters));
    }

    /** One pass of the {@code import-queue-drain} route; returns how many deliveries it imported. */
    public int drain() {
        return running ? drainUntil(null) : 0;
    }

    private synchronized int drainUntil(Instant deadline) {
        int imported = 0;
        try {
            if (queue.depth() == 0 || !queue.claimDrain()) {
                return 0;
            }
        } catch (RuntimeException queueUnavailable) {
            return 0;
        }
        try {
            List<QueuedDelivery> entries;
            while (!(entries = queue.oldest(batch)).isEmpty()) {
                for (QueuedDelivery entry : entries) {
                    boolean stopping = deadline == null ? !running : Instant.now().isAfter(deadline);
                    if (stopping || !importOne(entry)) {
                        return imported;
                    }
                    queue.acknowledge(entry);
                    drained.increment();
                    imported++;
                }
            }
            return imported;
        } catch (RuntimeException e) {
            log.warn("Draining the import queue stopped after {} deliveries: {}", imported, e.toString());
            return imported;
        } finally {
            if (imported > 0) {
                log.info("Imported {} queued deliveries; {} left", imported, queue.depth());
            }
            queue.releaseDrain();
        }
    }

    private boolean importOne(QueuedDelivery entry) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Deliveries.DELIVERY, entry.inboundDelivery());
        exchange.setProperty(Deliveries.PLATFORM, entry.platform());
        exchange.setProperty(Deliveries.STORE, stores.find(entry.platform(), entry.storeUid()).orElse(null));
        exchange.setProperty(Deliveries.REPLAY, true);
        Exchange done = producer.send(ENDPOINT, exchange);
        if (done.getException() == null) {
            return true;
        }
        boolean storeDown = StoreFailures.isStoreFailure(done.getException());
        deferred.get(storeDown ? "store" : "other").increment();
        if (storeDown) {
            log.debug("The store is still unavailable; {} stays queued", entry.queueId());
        } else {
            log.warn("Queued delivery {} ({}) failed and stays queued: {}", entry.queueId(), entry.idempotencyKey(),
                    done.getException().toString());
        }
        return false;
    }

    /** Ends the timer's passes and makes a last one of at most {@code LAST_PASS}. */
    void lastPass() {
        running = false;
        int imported = drainUntil(Instant.now().plus(LAST_PASS));
        try {
            log.info("Shutdown: imported {} queued deliveries in the last pass; {} stay queued", imported, queue.depth());
        } catch (RuntimeException queueUnavailable) {
            log.info("Shutdown: imported {} queued deliveries in the last pass", imported);
        }
    }
}
