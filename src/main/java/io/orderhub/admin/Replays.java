package io.orderhub.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.order.ImportResult;
import io.orderhub.order.OrderDocuments;
import io.orderhub.platform.ReplayedDelivery;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * What the operator's replays read and record; the {@code replay-*} routes carry each kept delivery through
 * the import pipeline again: a dead letter once its mapping is fixed, or the deliveries of stored orders after
 * a mapping change. Their authenticity was checked when they first arrived, so the platform routes skip only
 * the signature check and the rate limit; everything else, the idempotent consumer included, is the same
 * path a webhook takes, so a replay never makes a second order.
 */
@Component
public class Replays {

    private static final String DEAD_LETTER_ID = "orderhubReplayedDeadLetter";
    private static final String ORDER_ID = "orderhubReprocessedOrder";
    private static final String PLATFORM = "orderhubReprocessPlatform";
    private static final String SINCE = "orderhubReprocessSince";
    private static final String EXAMINED = "orderhubReprocessExamined";

    /** A stored order's latest applied delivery, to be mapped again. */
    public record StoredDelivery(String orderId, String platform, String storeUid, InboundDelivery delivery) {
    }

    private final StoreRegistry stores;
    private final MongoCollection<Document> deadLetters;
    private final MongoCollection<Document> orders;

    public Replays(StoreRegistry stores, MongoDatabase orderhubDatabase) {
        this.stores = stores;
        this.deadLetters = orderhubDatabase.getCollection(OrderDocuments.DEAD_LETTERS);
        this.orders = orderhubDatabase.getCollection(OrderDocuments.COLLECTION);
    }

    /** The dead letter named by the {@code id} header, as the delivery to replay. */
    public ReplayedDelivery deadLetter(Exchange exchange) {
        String deadLetterId = exchange.getMessage().getHeader("id", String.class);
        Document letter = deadLetters.find(Filters.eq("_id", deadLetterId)).first();
        if (letter == null) {
            throw new Problems.NotFound("No dead letter with id '" + deadLetterId + "'.");
        }
        exchange.setProperty(DEAD_LETTER_ID, deadLetterId);
        return replayable(letter.getString("platform"), letter.getString("store_uid"), delivery(letter, "dead_letter"));
    }

    /** Marks the replayed dead letter with the order it became; the operator's answer. */
    public Map<String, Object> markReplayed(Exchange exchange) {
        String deadLetterId = exchange.getProperty(DEAD_LETTER_ID, String.class);
        ImportResult result = exchange.getMessage().getBody(ImportResult.class);
        deadLetters.updateOne(Filters.eq("_id", deadLetterId), Updates.combine(Updates.set("replayed", true),
                Updates.set("replayed_at", Instant.now().toString()), Updates.set("replay_outcome", result.status()),
                Updates.set("order_id", result.orderId())));
        Map<String, Object> body = new LinkedHashMap<>(result.body());
        body.put("dead_letter_id", deadLetterId);
        return body;
    }

    /**
     * The latest applied delivery of every stored order of the {@code platform} header's platform processed
     * since the {@code since} header's time. An order the new mapping leaves unchanged is a duplicate; a changed
     * one is updated; none is created.
     */
    public Iterator<StoredDelivery> storedDeliveries(Exchange exchange) {
        String platform = exchange.getMessage().getHeader("platform", String.class);
        String since = exchange.getMessage().getHeader("since", String.class);
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
        // Read lazily, one order at a time while the route replays the previous one, as a platform's history may be long.
        AtomicInteger examined = new AtomicInteger();
        exchange.setProperty(PLATFORM, platform);
        exchange.setProperty(SINCE, since);
        exchange.setProperty(EXAMINED, examined);
        return StreamSupport.stream(orders.find(filter).projection(Projections.include("platform", "store_uid",
                        OrderDocuments.DELIVERIES)).sort(Sorts.ascending("_id")).spliterator(), false)
                .peek(order -> examined.incrementAndGet())
                .map(Replays::storedDelivery)
                .flatMap(Optional::stream)
                .iterator();
    }

    /** One stored delivery as the delivery to replay; refused when its store is no longer configured. */
    public ReplayedDelivery replayable(Exchange exchange) {
        StoredDelivery stored = exchange.getMessage().getBody(StoredDelivery.class);
        exchange.setProperty(ORDER_ID, stored.orderId());
        return replayable(stored.platform(), stored.storeUid(), stored.delivery());
    }

    /** Why a stored order could not be re-mapped. */
    public Map<String, Object> notReplayed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return Map.of("order_id", exchange.getProperty(ORDER_ID, String.class), "reason", failure.getMessage());
    }

    /** The reprocess answer, from each stored order's import result or the reason it was not replayed. */
    public Map<String, Object> reprocessed(Exchange exchange) {
        Map<String, Integer> outcomes = new HashMap<>();
        List<Object> failures = new ArrayList<>();
        // No stored order to replay leaves the split's input, not a list of results, as the body.
        List<?> results = exchange.getMessage().getBody() instanceof List<?> list ? list : List.of();
        for (Object each : results) {
            if (each instanceof ImportResult result) {
                outcomes.merge(result.status(), 1, Integer::sum);
            } else {
                failures.add(each);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", exchange.getProperty(PLATFORM));
        body.put("since", exchange.getProperty(SINCE));
        body.put("examined", exchange.getProperty(EXAMINED, AtomicInteger.class).get());
        body.put("outcomes", outcomes);
        body.put("failures", failures);
        return body;
    }

    private ReplayedDelivery replayable(String platform, String storeUid, InboundDelivery delivery) {
        StoreRegistry.Store store = stores.find(platform, storeUid).orElseThrow(() -> new Problems.BadRequest(
                "Store " + platform + "/" + storeUid + " is no longer configured; add it before replaying."));
        return new ReplayedDelivery(store.platform(), store, delivery, false);
    }

    private static Optional<StoredDelivery> storedDelivery(Document order) {
        Document applied = latestApplied(order.getList(OrderDocuments.DELIVERIES, Document.class, List.of()));
        return Optional.ofNullable(applied).map(delivery -> new StoredDelivery(order.getString("_id"),
                order.getString("platform"), order.getString("store_uid"), delivery(delivery, "reprocess")));
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
