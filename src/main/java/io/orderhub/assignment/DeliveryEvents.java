package io.orderhub.assignment;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.order.OrderEvent;
import org.apache.camel.ProducerTemplate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Publishes every delivery transition as {@code delivery.changed} for the dashboard and the customer's page. */
@Component
public record DeliveryEvents(ProducerTemplate producer, MeterRegistry meters) {

    public void changed(Document order, Instant at) {
        Document delivery = order.get("delivery", Document.class);
        count(order, delivery.getString("status"), at);
        Document totals = order.get("totals", Document.class);
        producer.sendBody(OrderEvent.ENDPOINT, new OrderEvent(OrderEvent.DELIVERY_CHANGED, order.getString("_id"),
                order.getString("platform"), order.getString("store_uid"), order.getString("order_number"),
                totals == null ? null : totals.getString("total"), order.getString("currency"),
                order.getString("financial_status"), delivery.getString("status"), delivery.getString("partner_id"), at));
    }

    /** Timeline transitions by status, and for assignments the time since the order was stored. */
    private void count(Document order, String status, Instant at) {
        Counter.builder("orderhub.assignment.transitions").tag("status", String.valueOf(status)).register(meters).increment();
        String processedAt = order.getString("processed_at");
        if ("assigned".equals(status) && processedAt != null) {
            Timer.builder("orderhub.assignment.time_to_assign").publishPercentileHistogram().register(meters)
                    .record(Duration.between(Instant.parse(processedAt), at));
        }
    }
}
