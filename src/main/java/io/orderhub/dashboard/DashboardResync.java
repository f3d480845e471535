package io.orderhub.dashboard;

import java.time.Clock;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the dashboard back to what the store holds. The import role drops the events it cannot post (the
 * dashboard is a view, the import never waits for it), and a killed import process loses the ones in its
 * outbox; without this the counters and the feed would differ from the store until the dashboard restarts.
 * Runs every {@code orderhub.dashboard.resync-interval} and at once when a feed batch reports drops
 * ({@link #DROPPED_HEADER}); each dashboard instance resyncs its own state.
 *
 * <p>A resync reads what a start reads ({@link DashboardState#rebuild}: paged, the same projection), into a
 * second state adopted when complete, so for its duration the index is held twice.
 */
public class DashboardResync {

    /** On {@code POST /dashboard/events}: events the posting import instance dropped since its last accepted post. */
    public static final String DROPPED_HEADER = "X-Orderhub-Dropped-Events";

    private static final Logger log = LoggerFactory.getLogger(DashboardResync.class);

    private final DashboardSockets sockets;
    private final MongoDatabase database;
    private final int snapshotSize;
    private final Clock clock;
    private final MeterRegistry meters;

    public DashboardResync(DashboardSockets sockets, MongoDatabase database, DashboardProperties properties, Clock clock,
            MeterRegistry meters) {
        this.sockets = sockets;
        this.database = database;
        this.snapshotSize = properties.snapshotSize();
        this.clock = clock;
        this.meters = meters;
    }

    public void resync() {
        long started = System.nanoTime();
        Map<String, String> differences = sockets.resync(() -> new DashboardState(snapshotSize, clock).rebuild(database));
        long millis = (System.nanoTime() - started) / 1_000_000;
        meters.counter("orderhub.dashboard.resyncs", "outcome", differences.isEmpty() ? "unchanged" : "changed")
                .increment();
        if (differences.isEmpty()) {
            log.debug("Dashboard resync from the store in {} ms: nothing had drifted", millis);
        } else {
            log.info("Dashboard resync from the store in {} ms corrected what had drifted (shown → stored): {}", millis,
                    differences);
        }
    }

    /** Whether a feed batch's {@link #DROPPED_HEADER} says events were lost; an unreadable value says nothing. */
    public boolean eventsWereDropped(@Header(DROPPED_HEADER) String dropped) {
        try {
            return dropped != null && Long.parseLong(dropped.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
