package io.orderhub.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.BsonValue;

/**
 * Counts every command the hub sends to the store, by the path that waits for it: {@code request} when a platform's
 * answer waits (the HTTP request threads, {@code http-*}, and the group commit's writers, {@code store-group-commit-*},
 * which write only for them), {@code background} for everything after the answer (history, events, assignment,
 * dashboard, reconciliation). Meter {@code orderhub.store.commands} with tags {@code path}, {@code command} and
 * {@code collection}: the cost of an order in round trips, counted rather than estimated (the benchmark reads it).
 */
class StoreRoundTrips implements CommandListener {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    StoreRoundTrips(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String path = path(Thread.currentThread().getName());
        String command = event.getCommandName();
        // Most commands name their collection as the value of their first field ({"insert": "orders", …}).
        BsonValue target = event.getCommand().get(command);
        String collection = target != null && target.isString() ? target.asString().getValue() : "-";
        counters.computeIfAbsent(path + '/' + command + '/' + collection, key -> Counter.builder("orderhub.store.commands")
                .description("Commands sent to the store, by the path that waits for them")
                .tag("path", path).tag("command", command).tag("collection", collection).register(meters)).increment();
    }

    static String path(String thread) {
        return thread.startsWith("http-") || thread.startsWith("store-group-commit-") ? "request" : "background";
    }
}
