package io.orderhub.assignment;

import org.bson.Document;

/** A pending order this instance has leased, with its stored fields, for one attempt. */
public record AssignmentTask(Document order, DeliveryState state) {

    public String orderId() {
        return state.orderId();
    }
}
