package io.orderhub.lifecycle;

import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;

/** Versions of one Shopify order, as Shopify would send them: same id, later updated_at, signed. */
final class ShopifyVersions {

    private static final Fixture BASE = Fixture.named("s01_orders_create_paid_two_items");

    private final long orderId;

    ShopifyVersions(long orderId) {
        this.orderId = orderId;
    }

    String key() {
        return "shopify_acme-outfitters.myshopify.com_" + orderId;
    }

    /** The order as of {@code updatedAt} (offset time, e.g. 2026-11-20T10:20:00-05:00) on a topic. */
    Fixture.Delivery at(String updatedAt, String topic, Consumer<ObjectNode> change) {
        Fixture.Delivery delivery = Deliveries.withFields(BASE, body -> {
            body.put("id", orderId);
            body.put("updated_at", updatedAt);
            change.accept(body);
        });
        return Deliveries.withHeaders(delivery, Map.of("X-Shopify-Topic", topic,
                "X-Shopify-Event-Id", "evt-" + orderId + "-" + updatedAt + "-" + topic));
    }

    Fixture.Delivery created(String updatedAt) {
        return at(updatedAt, "orders/create", body -> { });
    }

    Fixture.Delivery fulfilled(String updatedAt) {
        return at(updatedAt, "orders/fulfilled", body -> body.put("fulfillment_status", "fulfilled"));
    }

    Fixture.Delivery cancelled(String updatedAt) {
        return at(updatedAt, "orders/cancelled", body -> {
            body.put("cancelled_at", updatedAt);
            body.put("cancel_reason", "customer");
            body.put("financial_status", "voided");
        });
    }
}
