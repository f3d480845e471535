package io.orderhub.assignment;

import java.time.Instant;

import io.orderhub.order.OrderEvent;
import org.apache.camel.ProducerTemplate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Publishes every delivery transition as {@code delivery.changed} for the dashboard and the customer's page. */
@Component
public class DeliveryEvents {

    private final ProducerTemplate producer;

    public DeliveryEvents(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void changed(Document order, Instant at) {
        Document delivery = order.get("delivery", Document.class);
        Document totals = order.get("totals", Document.class);
        producer.sendBody(OrderEvent.ENDPOINT, new OrderEvent(OrderEvent.DELIVERY_CHANGED, order.getString("_id"),
                order.getString("platform"), order.getString("store_uid"), order.getString("order_number"),
                totals == null ? null : totals.getString("total"), order.getString("currency"),
                order.getString("financial_status"), delivery.getString("status"), delivery.getString("partner_id"), at));
    }
}
