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

    /** A new order was stored. */
    public static final String CREATED = "order.created";
    /** A newer version of a stored order replaced it. */
    public static final String UPDATED = "order.updated";
    /** A newer version says the platform cancelled the order. */
    public static final String CANCELLED = "order.cancelled";
    /** A delivery could not become an order and was kept as a dead letter ({@code orderId} is the dead letter's). */
    public static final String DEAD_LETTERED = "order.dead_lettered";
    /** The order's delivery block moved along its timeline (assignment, choice, release). */
    public static final String DELIVERY_CHANGED = "delivery.changed";
}
