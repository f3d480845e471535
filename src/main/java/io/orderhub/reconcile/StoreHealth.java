package io.orderhub.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.orderhub.platform.WebhookArrivals;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Per store: when its last authentic webhook arrived and how many orders reconciliation found missing. The
 * import path only writes a map in memory; {@link #flush()} carries it to MongoDB ({@code $max}, so any
 * number of instances agree) off that path.
 */
@Component
public class StoreHealth implements WebhookArrivals {

    public static final String COLLECTION = "store_health";

    private final MongoCollection<Document> health;
    private final Clock clock;
    private final Map<String, Instant> unflushed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSeenEpochSeconds = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public StoreHealth(MongoDatabase orderhubDatabase, Clock clock, MeterRegistry meters) {
        this.health = orderhubDatabase.getCollection(COLLECTION);
        this.clock = clock;
        this.meters = meters;
    }

    /** One authentic webhook delivery of the store, now. Memory only: never a store round trip on import. */
    @Override
    public void webhookArrived(String platform, String storeUid) {
        Instant now = clock.instant();
        unflushed.merge(Checkpoints.key(platform, storeUid), now, (a, b) -> a.isAfter(b) ? a : b);
        lastSeenEpochSeconds.computeIfAbsent(Checkpoints.key(platform, storeUid), key -> meters.gauge(
                "orderhub.store.webhook.last", Tags.of("platform", platform, "store", storeUid), new AtomicLong()))
                .accumulateAndGet(now.getEpochSecond(), Math::max);
    }

    public void flush() {
        for (String key : Map.copyOf(unflushed).keySet()) {
            Instant at = unflushed.remove(key);
            if (at != null) {
                health.updateOne(Filters.eq("_id", key), Updates.max("last_webhook_at", Date.from(at)),
                        new UpdateOptions().upsert(true));
            }
        }
    }

    public void missingFound(String platform, String storeUid, int orders) {
        if (orders > 0) {
            health.updateOne(Filters.eq("_id", Checkpoints.key(platform, storeUid)), Updates.inc("missing_found", orders),
                    new UpdateOptions().upsert(true));
        }
    }

    /** What is known of every store that has any: the stored state with this instance's unflushed times. */
    public Map<String, Health> all() {
        Map<String, Health> all = new HashMap<>();
        for (Document document : health.find()) {
            Date at = document.getDate("last_webhook_at");
            Number missing = document.get("missing_found", Number.class);
            all.put(document.getString("_id"), new Health(at == null ? null : at.toInstant(),
                    missing == null ? 0 : missing.longValue()));
        }
        unflushed.forEach((key, at) -> all.merge(key, new Health(at, 0), Health::merge));
        return all;
    }

    /** @param lastWebhookAt null when no webhook has arrived since the store was first seen */
    public record Health(Instant lastWebhookAt, long missingFound) {

        static final Health NONE = new Health(null, 0);

        Health merge(Health other) {
            Instant latest = lastWebhookAt == null ? other.lastWebhookAt
                    : other.lastWebhookAt == null || lastWebhookAt.isAfter(other.lastWebhookAt) ? lastWebhookAt
                    : other.lastWebhookAt;
            return new Health(latest, missingFound + other.missingFound);
        }
    }
}
