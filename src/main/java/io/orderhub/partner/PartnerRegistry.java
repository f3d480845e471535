package io.orderhub.partner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.orderhub.problem.Problems;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Repository;

/**
 * The partner registry ({@code partners}, {@code _id} = partner id, plus the live {@code active_orders}
 * count) and the reservations it holds ({@code partner_assignments}, {@code _id} = order id). Every change of
 * capacity is one single-document atomic update, so concurrent assignments on any number of instances never
 * overbook a partner, and one reservation document per order makes assigning and releasing idempotent.
 * <p>
 * A unit of capacity and the order's reservation live in two documents, and the store can fail between the two
 * writes. So each change of {@code active_orders} records, in the same atomic update, which order it is for
 * ({@code pending.<step id>}: an {@link Unfinished} step, MongoDB's two-phase pattern); the reservation is written
 * next and the step is then removed, by the partner's next change. A step left behind by a failure is finished by whoever finds it
 * ({@link PartnerAssigner#settle}), so a lost write never leaks or double-counts a partner's capacity.
 */
@Repository
public class PartnerRegistry {

    public static final String PARTNERS = "partners";
    public static final String ASSIGNMENTS = "partner_assignments";
    public static final String ACTIVE_ORDERS = "active_orders";
    private static final String PENDING = "pending";
    /** A refused reservation does not stop the others of its batch. */
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoCollection<Document> partners;
    private final MongoCollection<Document> assignments;
    private final ObjectMapper json;
    /**
     * Partners by their stored description (everything but {@code active_orders}): every assignment reads the
     * registry afresh, so other instances' changes count at once, but reads the same few descriptions again
     * and again; turning each into a {@link Partner} through JSON took a fifth of the partner call's CPU in a
     * profile under load (the read itself a quarter). A changed description is a new key; should many pile up
     * (descriptions change rarely), they are all dropped.
     */
    private final Map<Document, Partner> described = new ConcurrentHashMap<>();
    /** Reservation steps settled here whose removal rides on their partner's next change ({@link #finish}). */
    private final Map<String, Queue<String>> settled = new ConcurrentHashMap<>();

    public PartnerRegistry(MongoDatabase orderhubDatabase, ObjectMapper json) {
        this.partners = orderhubDatabase.getCollection(PARTNERS);
        this.assignments = orderhubDatabase.getCollection(ASSIGNMENTS);
        this.json = json;
    }

    /** A partner with the number of orders it holds now, and its steps not yet finished. */
    public record Registered(Partner partner, int activeOrders, List<Unfinished> unfinished) {

        public Registered(Partner partner, int activeOrders) {
            this(partner, activeOrders, List.of());
        }

        public boolean hasRoom() {
            return activeOrders < partner.capacity();
        }
    }

    /**
     * A unit of a partner's capacity taken ({@code reserving}) or given back for an order whose reservation
     * document has not been written (or removed) yet; {@code at} in epoch milliseconds. Its {@code id} goes into
     * the reservation it writes, which tells that reservation from one an earlier call wrote.
     */
    public record Unfinished(String id, String partnerId, String orderId, boolean reserving, long at) {

        Unfinished(String partnerId, String orderId, boolean reserving, long at) {
            this(new ObjectId().toHexString(), partnerId, orderId, reserving, at);
        }

        Document document() {
            return new Document("order", orderId).append("reserving", reserving).append("at", at);
        }
    }

    public List<Registered> all() {
        List<Registered> all = new ArrayList<>();
        for (Document doc : partners.find().sort(Sorts.ascending("_id"))) {
            all.add(registered(doc));
        }
        return all;
    }

    public Optional<Registered> find(String id) {
        return Optional.ofNullable(partners.find(Filters.eq("_id", id)).first()).map(this::registered);
    }

    public void insert(Partner partner) {
        try {
            partners.insertOne(document(partner).append(ACTIVE_ORDERS, 0));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new Problems.Conflict("A partner with id '" + partner.id() + "' exists already.");
            }
            throw e;
        }
    }

    /** Inserts a seed partner unless one with its id exists: operators' changes survive a restart. */
    public void insertIfAbsent(Partner partner) {
        Document fields = document(partner).append(ACTIVE_ORDERS, 0);
        fields.remove("_id");
        partners.updateOne(Filters.eq("_id", partner.id()), new Document("$setOnInsert", fields),
                new UpdateOptions().upsert(true));
    }

    /** Replaces a partner's description; its {@code active_orders} are facts, not description, and stay. */
    public void replace(Partner partner) {
        List<Bson> sets = new ArrayList<>();
        document(partner).forEach((field, value) -> {
            if (!"_id".equals(field)) {
                sets.add(Updates.set(field, value));
            }
        });
        for (String optional : List.of("name", "cost")) {
            if (!document(partner).containsKey(optional)) {
                sets.add(Updates.unset(optional));
            }
        }
        if (partners.updateOne(Filters.eq("_id", partner.id()), Updates.combine(sets)).getMatchedCount() == 0) {
            throw new Problems.NotFound("No partner with id '" + partner.id() + "'.");
        }
    }

    public void delete(String id) {
        if (partners.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 0) {
            throw new Problems.NotFound("No partner with id '" + id + "'.");
        }
    }

    /**
     * Takes one unit of a partner's capacity for an order if it still has one, noting the step: the filter
     * carries the capacity the caller matched against, so a concurrent change of capacity makes this fail rather
     * than overbook. Two steps of one order at one partner (concurrent calls) each take a unit; settling gives the
     * one whose reservation was not written back.
     */
    public Optional<Unfinished> reserve(Registered candidate, String orderId, long at) {
        int capacity = candidate.partner().capacity();
        Unfinished step = new Unfinished(candidate.partner().id(), orderId, true, at);
        boolean taken = changeWithStep(step, Filters.and(Filters.eq("active", true), Filters.eq("capacity", capacity),
                Filters.lt(ACTIVE_ORDERS, capacity)), 1);
        return taken ? Optional.of(step) : Optional.empty();
    }

    /**
     * Takes one unit for each of several orders in one change, or none when the partner has not room for them all
     * (the caller then takes them one at a time): a batch of new orders that match the same partner costs one write.
     */
    public Optional<List<Unfinished>> reserveAll(Registered candidate, List<String> orderIds, long at) {
        int capacity = candidate.partner().capacity();
        List<Unfinished> steps = orderIds.stream().map(id -> new Unfinished(candidate.partner().id(), id, true, at)).toList();
        boolean taken = changeWithSteps(candidate.partner().id(), steps, Filters.and(Filters.eq("active", true),
                Filters.eq("capacity", capacity), Filters.lte(ACTIVE_ORDERS, capacity - steps.size())), steps.size());
        return taken ? Optional.of(steps) : Optional.empty();
    }

    /**
     * Gives back the unit an order holds at a partner, noting the step; empty when a release of that order is under
     * way there (a release step's id is the order's own, so two releases never both count).
     */
    public Optional<Unfinished> giveBack(String partnerId, String orderId, long at) {
        Unfinished step = new Unfinished(releaseId(orderId), partnerId, orderId, false, at);
        boolean given = changeWithStep(step, Filters.exists(PENDING + "." + step.id(), false), -1);
        return given ? Optional.of(step) : Optional.empty();
    }

    /**
     * The step is done: its reservation document is as the step says. A reservation's step is removed by the next
     * change of the same partner (or the sweep's {@link #removeSettledSteps}), which saves a write per assignment;
     * until then it reads as settled ({@link #recordedBy}). A release's step goes at once: its id is reused.
     */
    public void finish(Unfinished step) {
        if (step.reserving()) {
            settled.computeIfAbsent(step.partnerId(), id -> new ConcurrentLinkedQueue<>()).add(step.id());
        } else {
            partners.updateOne(Filters.eq("_id", step.partnerId()), Updates.unset(PENDING + "." + step.id()));
        }
    }

    /** A unit taken for an order that holds another reservation goes back, once however many try. */
    public void undo(Unfinished step) {
        partners.updateOne(Filters.and(Filters.eq("_id", step.partnerId()), Filters.exists(PENDING + "." + step.id())),
                Updates.combine(Updates.inc(ACTIVE_ORDERS, -1), Updates.unset(PENDING + "." + step.id())));
    }

    /** Removes the settled steps no change of their partner has taken along yet: the sweep's, for idle partners. */
    public void removeSettledSteps() {
        settled.forEach((partnerId, ids) -> {
            List<String> done = drain(partnerId);
            if (!done.isEmpty()) {
                partners.updateOne(Filters.eq("_id", partnerId), Updates.combine(done.stream()
                        .map(id -> Updates.unset(PENDING + "." + id)).toList()));
            }
        });
    }

    /** The unfinished steps of one order, at any partner. */
    public List<Unfinished> unfinished(String orderId) {
        return all().stream().flatMap(p -> p.unfinished().stream()).filter(step -> step.orderId().equals(orderId)).toList();
    }

    /** One atomic change of a partner's count with its step noted, taking along the steps settled since its last change. */
    private boolean changeWithStep(Unfinished step, Bson condition, int units) {
        return changeWithSteps(step.partnerId(), List.of(step), condition, units);
    }

    private boolean changeWithSteps(String partnerId, List<Unfinished> steps, Bson condition, int units) {
        List<String> done = drain(partnerId);
        List<Bson> updates = new ArrayList<>(List.of(Updates.inc(ACTIVE_ORDERS, units)));
        steps.forEach(step -> updates.add(Updates.set(PENDING + "." + step.id(), step.document())));
        done.forEach(id -> updates.add(Updates.unset(PENDING + "." + id)));
        boolean changed = partners.updateOne(Filters.and(Filters.eq("_id", partnerId), condition),
                Updates.combine(updates)).getModifiedCount() > 0;
        if (!changed) {
            settled.computeIfAbsent(partnerId, id -> new ConcurrentLinkedQueue<>()).addAll(done);
        }
        return changed;
    }

    private List<String> drain(String partnerId) {
        Queue<String> queue = settled.get(partnerId);
        List<String> done = new ArrayList<>();
        for (String id = queue == null ? null : queue.poll(); id != null; id = queue.poll()) {
            done.add(id);
        }
        return done;
    }

    /** A release's step id: the order's own (a field name, so no dots), so a second release of it finds the first. */
    private static String releaseId(String orderId) {
        return "r" + UUID.nameUUIDFromBytes(orderId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    /** The partner holding an order's reservation, if any. */
    public Optional<String> reservationOf(String orderId) {
        return Optional.ofNullable(assignments.find(Filters.eq("_id", orderId)).first()).map(d -> d.getString("partner_id"));
    }

    /**
     * Records the reservation a step took the unit for; false when the order holds one already (an earlier call's,
     * a concurrent call's, or this step's own written by someone who settled it first: {@link #recordedBy}).
     */
    public boolean record(Unfinished step) {
        try {
            assignments.insertOne(reservation(step));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records the reservations of several steps in one insert; true when every one was written. False when any was
     * refused (an order holding a reservation already): which ones is not read from the error (not every Mongo-wire
     * server numbers them by position), so the caller settles each step on its own, which answers it exactly.
     */
    public boolean recordAll(List<Unfinished> steps) {
        try {
            assignments.insertMany(steps.stream().map(PartnerRegistry::reservation).toList(), UNORDERED);
            return true;
        } catch (MongoBulkWriteException refused) {
            return false;
        }
    }

    private static Document reservation(Unfinished step) {
        return new Document("_id", step.orderId()).append("partner_id", step.partnerId()).append("step", step.id());
    }

    /** Whether the order's reservation is the one this step wrote. */
    public boolean recordedBy(Unfinished step) {
        return assignments.countDocuments(Filters.and(Filters.eq("_id", step.orderId()), Filters.eq("step", step.id()))) > 0;
    }

    /** Removes an order's reservation at that partner, if it is still there. */
    public void removeReservation(String orderId, String partnerId) {
        assignments.deleteOne(Filters.and(Filters.eq("_id", orderId), Filters.eq("partner_id", partnerId)));
    }

    private Document document(Partner partner) {
        try {
            Document doc = Document.parse(json.writeValueAsString(partner));
            doc.remove("id");
            Document withId = new Document("_id", partner.id());
            withId.putAll(doc);
            return withId;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store partner " + partner.id(), e);
        }
    }

    private Registered registered(Document doc) {
        Document copy = new Document(doc);
        Object id = copy.remove("_id");
        Number active = (Number) copy.remove(ACTIVE_ORDERS);
        copy.remove(PENDING);
        copy.put("id", id);
        if (described.size() > 1000) {
            described.clear();
        }
        return new Registered(described.computeIfAbsent(copy, this::partner), active == null ? 0 : active.intValue(),
                unfinished(doc));
    }

    private static List<Unfinished> unfinished(Document partner) {
        List<Unfinished> steps = new ArrayList<>();
        Document pending = partner.get(PENDING, Document.class);
        if (pending != null) {
            pending.forEach((id, value) -> {
                Document step = (Document) value;
                steps.add(new Unfinished(id, partner.getString("_id"), step.getString("order"), step.getBoolean("reserving", true),
                        ((Number) step.get("at")).longValue()));
            });
        }
        return steps;
    }

    private Partner partner(Document description) {
        try {
            return json.readValue(description.toJson(JSON), Partner.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored partner " + description.get("id") + " is unreadable", e);
        }
    }
}
