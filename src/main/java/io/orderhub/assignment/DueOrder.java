package io.orderhub.assignment;

/**
 * An order the poll found due, and whether it is still {@code pending}: such an order joins the new orders taken
 * together in batches; any other gets an attempt of its own.
 */
public record DueOrder(String orderId, boolean pending) {
}
