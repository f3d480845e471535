package io.orderhub.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.orderhub.idempotency.CacheEntry;
import io.orderhub.idempotency.OrderIdempotentRepository;
import io.orderhub.ops.ImportMetrics;
import io.orderhub.mongo.GroupCommitInserts;
import io.orderhub.mongo.StoreDurability;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * The decisions of the {@code order-store} stage: a new order, a redelivery, a newer or an older version
 * (MAPPING.md, "Update, duplicate, stale"). Each answer goes out only once what it reports is durable.
 */
@Component
public record OrderImporter(OrderRepository repository, GroupCommitInserts inserts, OrderIdempotentRepository cache,
        StoreDurability durability, Clock clock, ImportMetrics metrics) {

    /** Exchange property with the {@link OrderEvent} a created or changed order publishes. */
    public static final String EVENT = "orderhubOrderEvent";
    /** Exchange property with a {@link KeptDelivery} that changed nothing but belongs in the order's history. */
    public static final String KEPT_DELIVERY = "orderhubKeptDelivery";
    private static final int MAX_CONCURRENT_UPDATE_ATTEMPTS = 10;

    /** A delivery kept in an order's history after the answer, off the import's path. */
    public record KeptDelivery(String orderId, Document delivery) {
    }

    /** A redelivery of content the cache has seen stored: answered without a store round trip. */
    public boolean isCachedDuplicate(Exchange exchange) {
        CacheEntry cached = cachedEntry(exchange);
        return cached != null && cached.isStored() && cached.digest().equals(prepared(exchange).digest());
    }

    /** The cache knows a stored order with other content: a new or an old version, never a new order. */
    public boolean isCachedOtherVersion(Exchange exchange) {
        CacheEntry cached = cachedEntry(exchange);
        return cached != null && cached.isStored();
    }

    public ImportResult duplicateFromCache(Exchange exchange) {
        CacheEntry cached = cachedEntry(exchange);
        PreparedOrder prepared = prepared(exchange);
        metrics.cache("hit");
        keep(exchange, cached.orderId(), prepared, "duplicate");
        return ImportResult.duplicate(cached.orderId(), prepared.idempotencyKey(), cached.processedAt());
    }

    /**
     * Stores a new order through the group commit: answered once its batch is durable. A document the unique
     * index refuses is another version of an order stored meanwhile (or a redelivery the cache did not know).
     */
    public ImportResult insertNew(Exchange exchange) {
        PreparedOrder prepared = prepared(exchange);
        metrics.cache(cachedEntry(exchange) == null ? "miss" : "pending");
        String orderId = "ord_" + new ObjectId().toHexString();
        // Milliseconds: the precision the cache and the store keep, so every answer gives the same time.
        Instant processedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return switch (inserts.insert(OrderDocuments.newOrder(orderId, processedAt, prepared))) {
            case INSERTED -> created(exchange, prepared, orderId, processedAt);
            case DUPLICATE_KEY -> resolveAgainstStored(exchange, prepared);
        };
    }

    private ImportResult created(Exchange exchange, PreparedOrder prepared, String orderId, Instant processedAt) {
        cache.remember(prepared.idempotencyKey(), new CacheEntry(orderId, processedAt, prepared.digest()));
        exchange.setProperty(EVENT, event(OrderEvent.CREATED, orderId, prepared, "pending"));
        return ImportResult.created(orderId, prepared.idempotencyKey(), processedAt);
    }

    /**
     * Compares with the stored order of the same key: older → stale, same content → duplicate, otherwise
     * the newer version replaces it in one conditional update (see {@link OrderRepository#applyNewerVersion}).
     * When that condition fails, someone changed the order meanwhile: compare again with what is there now.
     */
    public ImportResult resolveAgainstStored(Exchange exchange) {
        // Straight from the cache's knowledge of another version, not from a refused insert.
        metrics.cache("known");
        return resolveAgainstStored(exchange, prepared(exchange));
    }

    private ImportResult resolveAgainstStored(Exchange exchange, PreparedOrder prepared) {
        String key = prepared.idempotencyKey();
        for (int attempt = 0; attempt < MAX_CONCURRENT_UPDATE_ATTEMPTS; attempt++) {
            Document stored = repository.findByIdentity(prepared.order()).orElseThrow(() -> new IllegalStateException(
                    "The store refused a second order for " + key + " but holds none"));
            String orderId = stored.getString("_id");
            Instant processedAt = Instant.parse(stored.getString(OrderDocuments.PROCESSED_AT));
            String storedDigest = stored.getString(OrderDocuments.DIGEST);
            Long storedUpdated = stored.getLong(OrderDocuments.UPDATED_MS);
            if (prepared.updatedAtMillis() != null && storedUpdated != null && prepared.updatedAtMillis() < storedUpdated) {
                cache.remember(key, new CacheEntry(orderId, processedAt, storedDigest));
                keep(exchange, orderId, prepared, "stale");
                return ImportResult.stale(orderId, key, processedAt);
            }
            if (prepared.digest().equals(storedDigest)) {
                cache.remember(key, new CacheEntry(orderId, processedAt, storedDigest));
                keep(exchange, orderId, prepared, "duplicate");
                return ImportResult.duplicate(orderId, key, processedAt);
            }
            List<Document> changes = OrderChanges.between(stored, prepared.order());
            if (repository.applyNewerVersion(orderId, storedDigest, prepared, changes)) {
                durability.awaitDurable();
                cache.remember(key, new CacheEntry(orderId, processedAt, prepared.digest()));
                boolean cancelled = !prepared.order().path("cancelled_at").isNull() && stored.get("cancelled_at") == null;
                Document delivery = stored.get("delivery", Document.class);
                exchange.setProperty(EVENT, event(cancelled ? OrderEvent.CANCELLED : OrderEvent.UPDATED, orderId, prepared,
                        delivery == null ? null : delivery.getString("status")));
                return ImportResult.updated(orderId, key, processedAt);
            }
        }
        throw new IllegalStateException("Order " + key + " kept changing while being updated");
    }

    /** Wire-tap preparation: the tapped copy carries only the event. */
    public static void eventAsBody(Exchange exchange) {
        TappedCopy.keepOnly(exchange, exchange.getProperty(EVENT));
    }

    /** Wire-tap preparation: the tapped copy carries only the delivery to keep. */
    public static void keptDeliveryAsBody(Exchange exchange) {
        TappedCopy.keepOnly(exchange, exchange.getProperty(KEPT_DELIVERY));
    }

    /** Appends a kept delivery to its order's history (the {@code delivery-history} route). */
    public void appendToHistory(KeptDelivery kept) {
        repository.appendDelivery(kept.orderId(), kept.delivery());
    }

    private void keep(Exchange exchange, String orderId, PreparedOrder prepared, String outcome) {
        exchange.setProperty(KEPT_DELIVERY, new KeptDelivery(orderId, OrderDocuments.rawDelivery(prepared, outcome)));
    }

    private OrderEvent event(String type, String orderId, PreparedOrder prepared, String deliveryStatus) {
        var order = prepared.order();
        return new OrderEvent(type, orderId, order.path("platform").asText(), order.path("store_uid").asText(),
                order.path("order_number").asText(null), order.path("totals").path("total").asText(null),
                order.path("currency").asText(null), order.path("financial_status").asText(null), deliveryStatus, null,
                clock.instant());
    }

    private static CacheEntry cachedEntry(Exchange exchange) {
        return exchange.getProperty(OrderIdempotentRepository.CACHED_ENTRY, CacheEntry.class);
    }

    private static PreparedOrder prepared(Exchange exchange) {
        return exchange.getMessage().getBody(PreparedOrder.class);
    }
}
