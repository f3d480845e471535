package io.orderhub.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.orderhub.problem.Problems;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Repository;

/**
 * The partner registry ({@code partners}, {@code _id} = partner id, plus the live {@code active_orders}
 * count) and the reservations it holds ({@code partner_assignments}, {@code _id} = order id). Every change of
 * capacity is one single-document atomic update, so concurrent assignments on any number of instances never
 * overbook a partner, and one reservation document per order makes assigning and releasing idempotent.
 */
@Repository
public class PartnerRegistry {

    public static final String PARTNERS = "partners";
    public static final String ASSIGNMENTS = "partner_assignments";
    public static final String ACTIVE_ORDERS = "active_orders";
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

    public PartnerRegistry(MongoDatabase orderhubDatabase, ObjectMapper json) {
        this.partners = orderhubDatabase.getCollection(PARTNERS);
        this.assignments = orderhubDatabase.getCollection(ASSIGNMENTS);
        this.json = json;
    }

    /** A partner with the number of orders it holds now. */
    public record Registered(Partner partner, int activeOrders) {

        public boolean hasRoom() {
            return activeOrders < partner.capacity();
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
        List<org.bson.conversions.Bson> sets = new ArrayList<>();
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
     * Takes one unit of a partner's capacity if it still has one: the filter carries the capacity the
     * caller matched against, so a concurrent change of capacity makes this fail rather than overbook.
     */
    public boolean reserve(Registered candidate) {
        int capacity = candidate.partner().capacity();
        return partners.findOneAndUpdate(
                Filters.and(Filters.eq("_id", candidate.partner().id()), Filters.eq("active", true),
                        Filters.eq("capacity", capacity), Filters.lt(ACTIVE_ORDERS, capacity)),
                Updates.inc(ACTIVE_ORDERS, 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)) != null;
    }

    public void release(String partnerId) {
        partners.updateOne(Filters.and(Filters.eq("_id", partnerId), Filters.gt(ACTIVE_ORDERS, 0)),
                Updates.inc(ACTIVE_ORDERS, -1));
    }

    /** The partner holding an order's reservation, if any. */
    public Optional<String> reservationOf(String orderId) {
        return Optional.ofNullable(assignments.find(Filters.eq("_id", orderId)).first()).map(d -> d.getString("partner_id"));
    }

    /** Records an order's reservation; false when the order holds one already (a concurrent assignment won). */
    public boolean recordReservation(String orderId, String partnerId) {
        try {
            assignments.insertOne(new Document("_id", orderId).append("partner_id", partnerId));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Points an order's reservation at another partner; the partner it held before, if any. */
    public Optional<String> moveReservation(String orderId, String partnerId) {
        Document before = assignments.findOneAndUpdate(Filters.eq("_id", orderId), Updates.set("partner_id", partnerId),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return Optional.ofNullable(before).map(d -> d.getString("partner_id"));
    }

    /** Removes an order's reservation; only the caller that removed it gets the partner back (exactly once). */
    public Optional<String> removeReservation(String orderId) {
        return Optional.ofNullable(assignments.findOneAndDelete(Filters.eq("_id", orderId))).map(d -> d.getString("partner_id"));
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
        copy.put("id", id);
        if (described.size() > 1000) {
            described.clear();
        }
        return new Registered(described.computeIfAbsent(copy, this::partner), active == null ? 0 : active.intValue());
    }

    private Partner partner(Document description) {
        try {
            return json.readValue(description.toJson(JSON), Partner.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored partner " + description.get("id") + " is unreadable", e);
        }
    }
}
