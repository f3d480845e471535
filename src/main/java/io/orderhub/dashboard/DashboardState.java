package io.orderhub.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.orderhub.order.OrderDocuments;
import io.orderhub.order.OrderEvent;
import io.orderhub.mongo.IdPages;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client that connects late gets first: the latest orders, counters by platform and status, and
 * orders per minute over the last hour. Rebuilt from the store at start, then kept by the events.
 *
 * <p>Status counters need each order's previous status when an update arrives, so a compact index of
 * every order's platform and statuses is kept (about 134 bytes an order: the status strings are shared).
 */
public class DashboardState {

    private static final Logger log = LoggerFactory.getLogger(DashboardState.class);
    private static final int MINUTES = 60;
    private static final int REBUILD_PAGE = 2_000;

    private record Statuses(String platform, String financial, String delivery) {
    }

    private final int latestSize;
    private final Clock clock;
    // Not final: a resync builds a fresh state beside this one and this one takes its contents over (adopt).
    private LinkedHashMap<String, DashboardEvent> latest = new LinkedHashMap<>();
    private Map<String, Statuses> index = new HashMap<>();
    private Map<String, String> values = new HashMap<>();
    private Map<String, Long> byPlatform = new TreeMap<>();
    private Map<String, Long> byFinancial = new TreeMap<>();
    private Map<String, Long> byDelivery = new TreeMap<>();
    private long[] perMinute = new long[MINUTES];
    private long[] minuteOf = new long[MINUTES];
    private long deadLettered;

    public DashboardState(int latestSize, Clock clock) {
        this.latestSize = latestSize;
        this.clock = clock;
    }

    /**
     * Reads every stored order's platform and statuses, the latest orders in full, and the dead letters' count.
     * In pages by {@code _id} ({@link IdPages}); ids grow with time, so the last ones read are the latest.
     *
     * @return this state, rebuilt
     */
    public synchronized DashboardState rebuild(MongoDatabase database) {
        long started = System.nanoTime();
        IdPages.forEach(database.getCollection(OrderDocuments.COLLECTION),
                Projections.include("platform", "store_uid", "order_number", "totals.total", "currency", "financial_status",
                        "delivery.status", "delivery.partner_id", "processed_at", "cancelled_at"),
                REBUILD_PAGE, order -> {
                    Document totals = order.get("totals", Document.class);
                    Document delivery = order.get("delivery", Document.class);
                    String type = order.get("cancelled_at") != null ? OrderEvent.CANCELLED : OrderEvent.CREATED;
                    apply(new DashboardEvent(type, order.getString("_id"), order.getString("platform"),
                            order.getString("store_uid"), order.getString("order_number"),
                            totals == null ? null : totals.getString("total"), order.getString("currency"),
                            order.getString("financial_status"), delivery == null ? null : delivery.getString("status"),
                            delivery == null ? null : delivery.getString("partner_id"), order.getString("processed_at")));
                });
        deadLettered = database.getCollection(OrderDocuments.DEAD_LETTERS).estimatedDocumentCount();
        // DEBUG: the periodic resync rebuilds too, and says itself when that changed anything.
        log.debug("Dashboard state rebuilt from {} stored orders in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /**
     * Takes over a freshly built state's contents, by reference: the swap costs no copy, and this object stays
     * the one everybody holds. {@code fresh} must not be used afterwards.
     */
    public synchronized void adopt(DashboardState fresh) {
        synchronized (fresh) {
            latest = fresh.latest;
            index = fresh.index;
            values = fresh.values;
            byPlatform = fresh.byPlatform;
            byFinancial = fresh.byFinancial;
            byDelivery = fresh.byDelivery;
            perMinute = fresh.perMinute;
            minuteOf = fresh.minuteOf;
            deadLettered = fresh.deadLettered;
        }
    }

    /** Per figure of {@link #comparable()} that differs, {@code "this → other"}; empty when they agree. */
    public Map<String, String> differencesTo(DashboardState other) {
        Map<String, Object> mine = comparable();
        Map<String, Object> theirs = other.comparable();
        Map<String, String> differences = new LinkedHashMap<>();
        mine.forEach((figure, value) -> {
            if (!value.equals(theirs.get(figure))) {
                // The latest orders are a hundred entries: their count says enough in a log line.
                differences.put(figure, value instanceof Map<?, ?> orders && "latest_orders".equals(figure)
                        ? orders.size() + " orders → " + ((Map<?, ?>) theirs.get(figure)).size() + " orders, not the same"
                        : value + " → " + theirs.get(figure));
            }
        });
        return differences;
    }

    public synchronized long orders() {
        return index.size();
    }

    /**
     * What a resync compares, named as in the snapshot: the counters but {@code per_minute} (the live state
     * counts an order in the minute its event came, a rebuild in the minute it was processed, so the two may
     * differ by a minute without anything being lost), and the latest orders by id with their statuses (order
     * and event types differ in the same harmless ways).
     */
    public synchronized Map<String, Object> comparable() {
        Map<String, Object> counters = counters();
        counters.remove("per_minute");
        Map<String, List<String>> orders = new TreeMap<>();
        latest.values().forEach(order -> orders.put(order.orderId(),
                java.util.Arrays.asList(order.financialStatus(), order.deliveryStatus(), order.partnerId())));
        counters.put("latest_orders", orders);
        return counters;
    }

    /** Applies one event and answers it completed with what was known of its order. */
    public synchronized DashboardEvent apply(DashboardEvent event) {
        if (event.isDeadLetter()) {
            deadLettered++;
            return event;
        }
        if (event.orderId() == null) {
            return event;
        }
        DashboardEvent complete = event.over(latest.get(event.orderId()));
        Statuses before = index.get(event.orderId());
        if (before != null) {
            complete = fillFrom(complete, before);
            count(byFinancial, before.financial(), -1);
            count(byDelivery, before.delivery(), -1);
        } else {
            count(byPlatform, complete.platform(), 1);
            countMinute(complete.at());
        }
        Statuses after = new Statuses(shared(complete.platform()), shared(complete.financialStatus()),
                shared(complete.deliveryStatus()));
        index.put(event.orderId(), after);
        count(byFinancial, after.financial(), 1);
        count(byDelivery, after.delivery(), 1);
        if (latest.containsKey(event.orderId()) || before == null) {
            latest.put(event.orderId(), complete);
            while (latest.size() > latestSize) {
                latest.remove(latest.keySet().iterator().next());
            }
        }
        return complete;
    }

    /**
     * One instance per status value: every stored order has an entry in the index, and with a string of its own
     * for each of three statuses (as decoded from the store) a million entries take 278 MB of heap instead of 134.
     */
    private String shared(String value) {
        return value == null ? null : values.computeIfAbsent(value, v -> v);
    }

    /** The snapshot event: latest orders newest first, and the counters. */
    public synchronized Map<String, Object> snapshot() {
        List<DashboardEvent> orders = new ArrayList<>(latest.values());
        java.util.Collections.reverse(orders);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("type", "snapshot");
        snapshot.put("orders", orders);
        snapshot.put("counters", counters());
        return snapshot;
    }

    private Map<String, Object> counters() {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("orders", (long) index.size());
        counters.put("by_platform", new TreeMap<>(byPlatform));
        counters.put("by_financial_status", new TreeMap<>(byFinancial));
        counters.put("by_delivery_status", new TreeMap<>(byDelivery));
        counters.put("dead_lettered", deadLettered);
        long now = clock.instant().truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
        List<Map<String, Object>> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int slot = (int) Math.floorMod(minute, (long) MINUTES);
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("minute", Instant.ofEpochSecond(minute * 60).toString());
            bucket.put("orders", minuteOf[slot] == minute ? perMinute[slot] : 0L);
            minutes.add(bucket);
        }
        counters.put("per_minute", minutes);
        return counters;
    }

    private void countMinute(String at) {
        Instant when;
        try {
            when = at == null ? clock.instant() : Instant.parse(at);
        } catch (RuntimeException e) {
            when = clock.instant();
        }
        long minute = when.getEpochSecond() / 60;
        long now = clock.instant().getEpochSecond() / 60;
        if (minute <= now - MINUTES || minute > now) {
            return;
        }
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            perMinute[slot] = 0;
        }
        perMinute[slot]++;
    }

    private static DashboardEvent fillFrom(DashboardEvent event, Statuses known) {
        return event.over(new DashboardEvent(null, null, known.platform(), null, null, null, null, known.financial(),
                known.delivery(), null, null));
    }

    private static void count(Map<String, Long> counts, String key, int delta) {
        String name = key == null ? "unknown" : key;
        long value = counts.getOrDefault(name, 0L) + delta;
        if (value <= 0) {
            counts.remove(name);
        } else {
            counts.put(name, value);
        }
    }
}
