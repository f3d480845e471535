package io.orderhub.order;

import java.time.Instant;

/**
 * A change to an order that other roles react to (partner assignment, the dashboard). Events are
 * published on {@link #ENDPOINT} after the change is durable and never on the import's critical path;
 * they are notifications, not the source of truth: the stored order is.
 */
public record OrderEvent(String type, String orderId, String platform, String storeUid, String orderNumber, String total,
        String currency, String financialStatus, String deliveryStatus, String partnerId, Instant at) {

    /** In-process publish/subscribe: every consumer route gets every event; a full queue drops, never blocks. */
    public static final String ENDPOINT = "seda:order-events?multipleConsumers=true&size=10000&blockWhenFull=false&discardIfNoConsumers=true";

    public static final String CREATED = "order.created";
    public static final String UPDATED = "order.updated";
    public static final String CANCELLED = "order.cancelled";
    public static final String DEAD_LETTERED = "order.dead_lettered";
    public static final String DELIVERY_CHANGED = "delivery.changed";
}
