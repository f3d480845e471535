package io.orderhub.order;

import java.time.Clock;
import java.time.Instant;

import io.orderhub.idempotency.CacheEntry;
import io.orderhub.idempotency.DedupCache;
import io.orderhub.idempotency.OrderIdempotentRepository;
import io.orderhub.store.StoreDurability;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * The decisions of the {@code order-store} stage: a new order, a redelivery, a newer or an older version
 * (MAPPING.md, "Update, duplicate, stale"). Each answer goes out only once what it reports is durable.
 */
@Component
public class OrderImporter {

    /** Exchange property with the {@link PreparedOrder} while its document is being inserted. */
    public static final String PREPARED = "orderhubPrepared";
    /** Exchange property with the {@link OrderEvent} a created or changed order publishes. */
    public static final String EVENT = "orderhubOrderEvent";
    private static final String ORDER_ID = "orderhubOrderId";
    private static final String PROCESSED_AT = "orderhubProcessedAt";
    private static final int MAX_CONCURRENT_UPDATE_ATTEMPTS = 10;

    private final OrderRepository repository;
    private final DedupCache cache;
    private final StoreDurability durability;
    private final Clock clock;

    public OrderImporter(OrderRepository repository, DedupCache cache, StoreDurability durability, Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.durability = durability;
        this.clock = clock;
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
        return ImportResult.duplicate(cached.orderId(), prepared(exchange).idempotencyKey(), cached.processedAt());
    }

    public Document newOrderDocument(Exchange exchange) {
        PreparedOrder prepared = prepared(exchange);
        String orderId = "ord_" + new ObjectId().toHexString();
        Instant processedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        exchange.setProperty(PREPARED, prepared);
        exchange.setProperty(ORDER_ID, orderId);
        exchange.setProperty(PROCESSED_AT, processedAt);
        return OrderDocuments.newOrder(orderId, processedAt, prepared);
    }

    public ImportResult created(Exchange exchange) {
        PreparedOrder prepared = exchange.getProperty(PREPARED, PreparedOrder.class);
        String orderId = exchange.getProperty(ORDER_ID, String.class);
        Instant processedAt = exchange.getProperty(PROCESSED_AT, Instant.class);
        durability.awaitDurable();
        cache.remember(prepared.idempotencyKey(), new CacheEntry(orderId, processedAt, prepared.digest()));
        exchange.setProperty(EVENT, event(OrderEvent.CREATED, orderId, prepared, "pending"));
        return ImportResult.created(orderId, prepared.idempotencyKey(), processedAt);
    }

    /**
     * Compares with the stored order of the same key: older → stale, same content → duplicate, otherwise
     * the newer version replaces it. The replacement is conditional on the content compared against, so a
     * concurrent change makes this compare again rather than overwrite it.
     */
    public ImportResult resolveAgainstStored(Exchange exchange) {
        PreparedOrder prepared = exchange.getProperty(PREPARED, PreparedOrder.class);
        if (prepared == null) {
            prepared = prepared(exchange);
        }
        for (int attempt = 0; attempt < MAX_CONCURRENT_UPDATE_ATTEMPTS; attempt++) {
            Document stored = repository.findByIdentity(prepared.order()).orElseThrow(() -> new IllegalStateException(
                    "The store refused a second order for a key but holds none"));
            String orderId = stored.getString("_id");
            Instant processedAt = Instant.parse(stored.getString(OrderDocuments.PROCESSED_AT));
            String storedDigest = stored.getString(OrderDocuments.DIGEST);
            Long storedUpdated = stored.getLong(OrderDocuments.UPDATED_MS);
            if (prepared.updatedAtMillis() != null && storedUpdated != null && prepared.updatedAtMillis() < storedUpdated) {
                cache.remember(prepared.idempotencyKey(), new CacheEntry(orderId, processedAt, storedDigest));
                return ImportResult.stale(orderId, prepared.idempotencyKey(), processedAt);
            }
            if (prepared.digest().equals(storedDigest)) {
                cache.remember(prepared.idempotencyKey(), new CacheEntry(orderId, processedAt, storedDigest));
                return ImportResult.duplicate(orderId, prepared.idempotencyKey(), processedAt);
            }
            if (repository.replaceIfUnchanged(orderId, storedDigest, prepared)) {
                durability.awaitDurable();
                cache.remember(prepared.idempotencyKey(), new CacheEntry(orderId, processedAt, prepared.digest()));
                boolean cancelled = !prepared.order().path("cancelled_at").isNull()
                        && stored.get("cancelled_at") == null;
                Document delivery = stored.get("delivery", Document.class);
                exchange.setProperty(EVENT, event(cancelled ? OrderEvent.CANCELLED : OrderEvent.UPDATED, orderId, prepared,
                        delivery == null ? null : delivery.getString("status")));
                return ImportResult.updated(orderId, prepared.idempotencyKey(), processedAt);
            }
        }
        throw new IllegalStateException("Order " + prepared.idempotencyKey() + " kept changing while being updated");
    }

    /** Wire-tap preparation: the tapped copy carries only the event. */
    public static void eventAsBody(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(EVENT));
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
