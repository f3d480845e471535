package io.orderhub.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.orderhub.order.OrderEvent;

/**
 * One event as the dashboard's clients see it (CONTRACT.md, "The dashboard"): the wire form of an
 * {@link OrderEvent}, sent from the import role to the dashboard role and on to every WebSocket client.
 * A dead letter has no order: its {@code order_id} is the dead letter's id ({@code dl_…}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DashboardEvent(
        @JsonProperty("type") String type,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("platform") String platform,
        @JsonProperty("store_uid") String storeUid,
        @JsonProperty("order_number") String orderNumber,
        @JsonProperty("total") String total,
        @JsonProperty("currency") String currency,
        @JsonProperty("financial_status") String financialStatus,
        @JsonProperty("delivery_status") String deliveryStatus,
        @JsonProperty("partner_id") String partnerId,
        @JsonProperty("at") String at) {

    public static DashboardEvent of(OrderEvent event) {
        return new DashboardEvent(event.type(), event.orderId(), event.platform(), event.storeUid(), event.orderNumber(),
                event.total(), event.currency(), event.financialStatus(), event.deliveryStatus(), event.partnerId(),
                event.at() == null ? null : event.at().toString());
    }

    public boolean isDeadLetter() {
        return OrderEvent.DEAD_LETTERED.equals(type);
    }

    /** This event applied to what was known of the order: a partial event (a delivery change) keeps the rest. */
    public DashboardEvent over(DashboardEvent known) {
        if (known == null) {
            return this;
        }
        return new DashboardEvent(type, orderId, or(platform, known.platform), or(storeUid, known.storeUid),
                or(orderNumber, known.orderNumber), or(total, known.total), or(currency, known.currency),
                or(financialStatus, known.financialStatus), or(deliveryStatus, known.deliveryStatus),
                or(partnerId, known.partnerId), at);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
