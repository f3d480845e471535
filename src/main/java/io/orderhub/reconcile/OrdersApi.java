package io.orderhub.reconcile;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;

/**
 * One platform's order API as reconciliation reads it: the orders updated in a window, a page at a time,
 * oldest change first, and each order as the delivery its webhook would have been.
 */
public interface OrdersApi {

    String platform();

    /** A page of the window; {@code position} is null for the first page, else a previous page's {@code next}. */
    Page page(ReconciledStore store, Window window, String position);

    /** The pulled order as a delivery the platform's route and mapping file accept unchanged. */
    InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt);

    /** @param next where the following page starts, null after the last */
    record Page(List<JsonNode> orders, String next) {
    }

    record Window(Instant from, Instant to) {
    }
}
