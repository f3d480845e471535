package io.orderhub.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Where each store's reconciliation stands, in MongoDB ({@code reconcile_checkpoints}): {@code since}, up
 * to which every updated order is stored; while a run is under way its window and the next page to read,
 * moved only once a page is stored, so a crash repeats a page but never skips one; and the lease that
 * keeps every other instance off the store meanwhile.
 */
@Component
public class Checkpoints {

    public static final String COLLECTION = "reconcile_checkpoints";

    private final MongoCollection<Document> checkpoints;
    private final Clock clock;

    public Checkpoints(MongoDatabase orderhubDatabase, Clock clock) {
        this.checkpoints = orderhubDatabase.getCollection(COLLECTION);
        this.clock = clock;
    }

    public static String key(String platform, String storeUid) {
        return platform + "/" + storeUid;
    }

    /**
     * Takes the store's lease when nobody else holds a live one, in one atomic {@code findOneAndUpdate};
     * empty while another instance holds it.
     */
    public Optional<Checkpoint> lease(String key, String owner, Duration lease) {
        create(key);
        Date now = Date.from(clock.instant());
        Bson free = Filters.or(Filters.eq("lease_owner", null), Filters.lt("lease_until", now));
        Document taken = checkpoints.findOneAndUpdate(Filters.and(Filters.eq("_id", key), free),
                Updates.combine(Updates.set("lease_owner", owner), Updates.set("lease_until", until(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(taken).map(Checkpoints::checkpoint);
    }

    /** A store's first run creates its checkpoint, without a lease, so taking the lease never needs an upsert. */
    private void create(String key) {
        try {
            checkpoints.updateOne(Filters.eq("_id", key), Updates.setOnInsert("lease_owner", null),
                    new UpdateOptions().upsert(true));
        } catch (MongoServerException e) {
            // Two instances creating it at once: the unique _id lets one in, which is all that is needed.
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Starts a run over a window, unless one is under way (then it resumes where its last stored page ended). */
    public Checkpoint begin(String key, String owner, Checkpoint current, Instant windowStart, Instant windowEnd) {
        if (current.inProgress()) {
            return current;
        }
        owned(key, owner, Updates.combine(Updates.set("window_start", Date.from(windowStart)),
                Updates.set("window_end", Date.from(windowEnd)), Updates.set("position", null),
                Updates.set("in_progress", true)));
        return new Checkpoint(current.since(), windowStart, windowEnd, null, true);
    }

    /** A page is stored: the next run (this one, or after a crash any instance's) starts at {@code next}. */
    public void pageStored(String key, String owner, String next, Duration lease) {
        owned(key, owner, Updates.combine(Updates.set("position", next), Updates.inc("pages_stored", 1),
                Updates.set("lease_until", until(lease))));
    }

    /** The window is stored up to its end: the checkpoint moves there and the lease is given back. */
    public void complete(String key, String owner, Instant windowEnd, Map<String, Integer> outcomes) {
        owned(key, owner, Updates.combine(Updates.set("since", Date.from(windowEnd)), Updates.set("in_progress", false),
                Updates.set("position", null), Updates.set("last_run_at", Date.from(clock.instant())),
                Updates.set("last_outcomes", new Document(Map.copyOf(outcomes))), Updates.set("last_error", null),
                Updates.set("lease_owner", null), Updates.set("lease_until", null)));
    }

    /** The run stopped: the position stays at the last stored page; the lease is given back. */
    public void failed(String key, String owner, String error) {
        owned(key, owner, Updates.combine(Updates.set("last_error", error),
                Updates.set("last_run_at", Date.from(clock.instant())),
                Updates.set("lease_owner", null), Updates.set("lease_until", null)));
    }

    public Optional<Document> find(String key) {
        return Optional.ofNullable(checkpoints.find(Filters.eq("_id", key)).first());
    }

    public List<Document> all() {
        return checkpoints.find().into(new ArrayList<>());
    }

    private void owned(String key, String owner, Bson update) {
        if (checkpoints.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("lease_owner", owner)), update)
                .getMatchedCount() == 0) {
            throw new LeaseLostException(key, owner);
        }
    }

    private Date until(Duration lease) {
        return Date.from(clock.instant().plus(lease));
    }

    private static Checkpoint checkpoint(Document document) {
        return new Checkpoint(instant(document, "since"), instant(document, "window_start"),
                instant(document, "window_end"), document.getString("position"),
                Boolean.TRUE.equals(document.getBoolean("in_progress")));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /**
     * @param since every order updated before this is stored (null before the first completed run)
     * @param position the next page of the window under way; null for its first page
     */
    public record Checkpoint(Instant since, Instant windowStart, Instant windowEnd, String position, boolean inProgress) {
    }

    /** Another instance took the store's lease (this one's expired): this run stops without touching it. */
    public static class LeaseLostException extends IllegalStateException {
        public LeaseLostException(String key, String owner) {
            super("Reconciliation lease of " + key + " is no longer held by " + owner);
        }
    }
}
