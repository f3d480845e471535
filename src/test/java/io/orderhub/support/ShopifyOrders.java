package io.orderhub.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * New Shopify orders for assignment tests: the s01 fixture (a paid order shipped to Ottawa, with
 * coordinates) under a fresh order id, signed again, optionally shipped elsewhere.
 */
public final class ShopifyOrders {

    public static final Fixture FIXTURE = Fixture.named("s01_orders_create_paid_two_items");
    private static final AtomicLong NEXT_ID = new AtomicLong(7_700_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    private ShopifyOrders() {
    }

    public static long nextId() {
        return NEXT_ID.incrementAndGet();
    }

    /** A new order shipped to the fixture's Ottawa address. */
    public static Fixture.Delivery created(long orderId) {
        return created(orderId, body -> { });
    }

    public static Fixture.Delivery created(long orderId, Consumer<ObjectNode> change) {
        return Deliveries.withFields(FIXTURE, body -> {
            body.put("id", orderId);
            body.put("name", "#" + orderId);
            change.accept(body);
        });
    }

    /** A newer version of the order, cancelled on the platform. */
    public static Fixture.Delivery cancelled(long orderId) {
        Fixture.Delivery delivery = created(orderId, body -> {
            body.put("cancelled_at", "2026-11-20T11:00:00-05:00");
            body.put("updated_at", "2026-11-20T11:00:00-05:00");
            body.put("cancel_reason", "customer");
        });
        return Deliveries.withHeaders(delivery, Map.of("X-Shopify-Topic", "orders/cancelled",
                "X-Shopify-Event-Id", java.util.UUID.randomUUID().toString()));
    }

    /** Ships the order to another address; coordinates omitted so matching goes by postal code and city. */
    public static Consumer<ObjectNode> shippedTo(String countryCode, String zip, String city) {
        return body -> {
            ObjectNode address = (ObjectNode) body.get("shipping_address");
            address.put("country_code", countryCode);
            address.put("zip", zip);
            address.put("city", city);
            address.putNull("latitude");
            address.putNull("longitude");
        };
    }

    /** Imports a new order and returns its hub id. */
    public static String importNew(HubClient hub, Fixture.Delivery delivery) {
        HubClient.Answer answer = hub.post(delivery);
        if (answer.status() != 201) {
            throw new AssertionError("Expected 201 created, got " + answer);
        }
        return answer.field("order_id");
    }

    public static JsonNode delivery(HubClient hub, String orderId) {
        return hub.get("/orders/" + orderId).json().path("delivery");
    }

    /** The statuses of the delivery's history, oldest first. */
    public static java.util.List<String> history(JsonNode delivery) {
        java.util.List<String> statuses = new java.util.ArrayList<>();
        delivery.path("history").forEach(entry -> statuses.add(entry.path("status").asText()));
        return statuses;
    }
}
