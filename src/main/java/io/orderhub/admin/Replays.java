package io.orderhub.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.order.ImportResult;
import io.orderhub.order.OrderDocuments;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.problem.ProblemException;
import io.orderhub.problem.Problems;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * Runs kept raw deliveries through the import pipeline again: a dead letter once its mapping is fixed, or
 * the deliveries of stored orders after a mapping change. Their authenticity was checked when they first
 * arrived, so the platform routes skip only the signature check and the rate limit; everything else,
 * the idempotent consumer included, is the same path a webhook takes, so a replay never makes a second order.
 */
@Component
public class Replays {

    /** The route a replayed delivery enters: the platform routes after the gateway. */
    public static final String ENDPOINT = "direct:replay";

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final StoreRegistry stores;
    private final MongoCollection<Document> deadLetters;
    private final MongoCollection<Document> orders;

    public Replays(ProducerTemplate producer, CamelContext camel, StoreRegistry stores, MongoDatabase orderhubDatabase) {
        this.producer = producer;
        this.camel = camel;
        this.stores = stores;
        this.deadLetters = orderhubDatabase.getCollection(OrderDocuments.DEAD_LETTERS);
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
    }

    /** Replays a dead letter; on success it is marked replayed with the order it became. */
    public Map<String, Object> replayDeadLetter(String deadLetterId) {
        Document letter = deadLetters.find(Filters.eq("_id", deadLetterId)).first();
        if (letter == null) {
            throw new Problems.NotFound("No dead letter with id '" + deadLetterId + "'.");
        }
        InboundDelivery delivery = delivery(letter, "dead_letter");
        ImportResult result = replay(letter.getString("platform"), letter.getString("store_uid"), delivery);
        deadLetters.updateOne(Filters.eq("_id", deadLetterId), Updates.combine(Updates.set("replayed", true),
                Updates.set("replayed_at", Instant.now().toString()), Updates.set("replay_outcome", result.status()),
                Updates.set("order_id", result.orderId())));
        Map<String, Object> body = new LinkedHashMap<>(result.body());
        body.put("dead_letter_id", deadLetterId);
        return body;
    }

    /**
     * Re-maps the latest applied delivery of every stored order of a platform processed since a time.
     * An order the new mapping leaves unchanged is a duplicate; a changed one is updated; none is created.
     */
    public Map<String, Object> reprocess(String platform, String since) {
        if (platform == null || platform.isBlank()) {
            throw new Problems.BadRequest("reprocess needs ?platform=");
        }
        Bson filter = Filters.eq("platform", platform.toLowerCase(Locale.ROOT));
        if (since != null && !since.isBlank()) {
            try {
                filter = Filters.and(filter, Filters.gte(OrderDocuments.PROCESSED_AT, Instant.parse(since).toString()));
            } catch (DateTimeParseException e) {
                throw new Problems.BadRequest("since must be an ISO-8601 instant such as 2026-11-20T00:00:00Z.");
            }
        }
        Map<String, Integer> outcomes = new HashMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        int examined = 0;
        for (Document order : orders.find(filter).projection(Projections.include("platform", "store_uid",
                OrderDocuments.DELIVERIES)).sort(Sorts.ascending("_id"))) {
            examined++;
            Document latest = latestApplied(order.getList(OrderDocuments.DELIVERIES, Document.class, List.of()));
            if (latest == null) {
                continue;
            }
            try {
                ImportResult result = replay(order.getString("platform"), order.getString("store_uid"),
                        delivery(latest, "reprocess"));
                outcomes.merge(result.status(), 1, Integer::sum);
            } catch (ProblemException | UnmappableOrderException e) {
                failures.add(Map.of("order_id", order.getString("_id"), "reason", e.getMessage()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", platform);
        body.put("since", since);
        body.put("examined", examined);
        body.put("outcomes", outcomes);
        body.put("failures", failures);
        return body;
    }

    private ImportResult replay(String platform, String storeUid, InboundDelivery delivery) {
        StoreRegistry.Store store = stores.find(platform, storeUid).orElseThrow(() -> new Problems.BadRequest(
                "Store " + platform + "/" + storeUid + " is no longer configured; add it before replaying."));
        return send(store, delivery, false);
    }

    /**
     * Feeds an order that reconciliation pulled from the platform's API with the store's own credentials
     * through the same path as a webhook; its topic is {@link Deliveries#RECONCILE_TOPIC}.
     */
    public ImportResult reconcile(StoreRegistry.Store store, InboundDelivery delivery) {
        return send(store, delivery, true);
    }

    private ImportResult send(StoreRegistry.Store store, InboundDelivery delivery, boolean reconcile) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Deliveries.DELIVERY, delivery);
        exchange.setProperty(Deliveries.PLATFORM, store.platform());
        exchange.setProperty(Deliveries.STORE, store);
        exchange.setProperty(Deliveries.REPLAY, true);
        exchange.setProperty(Deliveries.RECONCILE, reconcile);
        Exchange done = producer.send(ENDPOINT, exchange);
        if (done.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (done.getException() != null) {
            throw new IllegalStateException("Replay failed", done.getException());
        }
        return done.getMessage().getBody(ImportResult.class);
    }

    private static Document latestApplied(List<Document> deliveries) {
        Document latest = null;
        for (Document delivery : deliveries) {
            String outcome = delivery.getString("outcome");
            if (("created".equals(outcome) || "updated".equals(outcome)) && (latest == null
                    || Instant.parse(delivery.getString("received_at")).isAfter(Instant.parse(latest.getString("received_at"))))) {
                latest = delivery;
            }
        }
        return latest;
    }

    private static InboundDelivery delivery(Document kept, String replayKind) {
        Map<String, String> headers = new HashMap<>();
        Document keptHeaders = kept.get("headers", Document.class);
        if (keptHeaders != null) {
            keptHeaders.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        headers.put("x-orderhub-replay", replayKind);
        return new InboundDelivery(Instant.parse(kept.getString("received_at")), kept.getString("content_type"),
                Map.copyOf(headers), kept.get("body", Binary.class).getData(), null);
    }
}
