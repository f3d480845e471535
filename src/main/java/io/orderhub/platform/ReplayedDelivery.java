package io.orderhub.platform;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * A kept delivery on its way back into its platform route: a dead letter, a stored order's delivery being
 * re-mapped, a delivery queued while the store was down, or an order reconciliation pulled from the platform's
 * API. Its authenticity was established before (at receipt, or by the store's own API credentials), so it
 * enters as a replay ({@link ImportContext#replay}).
 *
 * @param store the configured store, or null when it is no longer configured (the route decides what that means)
 */
public record ReplayedDelivery(String platform, Store store, InboundDelivery delivery, boolean reconcile) {

    /**
     * Turns an exchange whose body is a replayed delivery into the exchange a webhook would be after the
     * gateway: the delivery's facts as its {@link ImportContext}, no body and none of the caller's headers, so nothing of the
     * caller (an operator's HTTP request, a timer) reaches the pipeline.
     */
    public static void enter(Exchange exchange) throws InvalidPayloadException {
        ReplayedDelivery replayed = exchange.getMessage().getMandatoryBody(ReplayedDelivery.class);
        Deliveries.start(exchange, ImportContext.replayed(replayed));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
    }
}
