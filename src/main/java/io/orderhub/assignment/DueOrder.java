package io.orderhub.assignment;

/**
 * An order to attempt (its creation event's, a cancellation's, or one the poll found due), and whether it is still
 * {@code pending}: such an order is claimed and begun in one write; any other gets the lease alone.
 */
public record DueOrder(String orderId, boolean pending) {
}
