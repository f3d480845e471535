package io.orderhub.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.FixtureStores;

/** Orders as the platforms' APIs list them, built from the fixtures, and the stores' {@code api} blocks. */
public final class ReconcileFixtures {

    public static final String SHOPIFY_STORE = "acme-outfitters.myshopify.com";
    public static final String WOO_STORE = "shop.example.com";
    static final String BIGCOMMERCE_STORE = "abc123def";
    static final String SHOPIFY_TOKEN = "shpat_reconcile_secret_token";
    static final String WOO_KEY = "ck_reconcile_key";
    public static final String WOO_SECRET = "cs_reconcile_secret";

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture WOO = Fixture.named("w01_order_created_processing");
    private static final Fixture BIGCOMMERCE = Fixture.named("b01_order_created_hydrated");

    private ReconcileFixtures() {
    }

    /** The fixture stores' settings plus an enabled api block (two orders a page, no timer within a test). */
    public static Map<String, String> properties(String apiBaseUrl) {
        Map<String, String> properties = new LinkedHashMap<>(FixtureStores.properties(null));
        Map<String, String> api = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.endsWith(".store-uid") && Map.of(SHOPIFY_STORE, 1, WOO_STORE, 1, BIGCOMMERCE_STORE, 1).containsKey(value)) {
                String prefix = name.substring(0, name.length() - "store-uid".length()) + "api.";
                api.put(prefix + "enabled", "true");
                api.put(prefix + "base-url", apiBaseUrl);
                api.put(prefix + "page-size", "2");
                api.put(prefix + "interval", "1h");
                if (value.equals(SHOPIFY_STORE)) {
                    api.put(prefix + "access-token", SHOPIFY_TOKEN);
                } else if (value.equals(WOO_STORE)) {
                    api.put(prefix + "consumer-key", WOO_KEY);
                    api.put(prefix + "consumer-secret", WOO_SECRET);
                }
            }
        });
        api.put("orderhub.reconcile.initial-backoff", "50ms");
        return api;
    }

    public static ObjectNode shopifyOrder(long id, String updatedAt) {
        ObjectNode order = body(SHOPIFY);
        order.put("id", id);
        order.put("name", "#" + id);
        order.put("updated_at", updatedAt);
        return order;
    }

    /** The order's webhook, signed as Shopify signs it. */
    static Fixture.Delivery shopifyWebhook(long id, String updatedAt) {
        Fixture.Delivery delivery = Deliveries.withFields(SHOPIFY, body -> {
            body.put("id", id);
            body.put("name", "#" + id);
            body.put("updated_at", updatedAt);
        });
        return Deliveries.withHeaders(delivery, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Event-Id", "evt-" + id + "-" + updatedAt));
    }

    public static ObjectNode wooOrder(long id, String modifiedGmt) {
        ObjectNode order = body(WOO);
        order.put("id", id);
        order.put("number", String.valueOf(id));
        order.put("date_modified_gmt", modifiedGmt);
        return order;
    }

    /** A BigCommerce order as the listing gives it; its hydration resources are served by the double. */
    static JsonNode bigCommerceOrder(OrdersApiDouble api, long id, String dateModified) {
        String prefix = "/stores/" + BIGCOMMERCE_STORE + "/v2/orders/";
        Map<String, JsonNode> responses = BIGCOMMERCE.apiResponses();
        ObjectNode order = ((ObjectNode) responses.get(prefix + 101)).deepCopy();
        order.put("id", id);
        order.put("date_modified", dateModified);
        api.serveResource(prefix + id, order);
        api.serveResource(prefix + id + "/products", responses.get(prefix + "101/products"));
        api.serveResource(prefix + id + "/shipping_addresses", responses.get(prefix + "101/shipping_addresses"));
        return order;
    }

    private static ObjectNode body(Fixture fixture) {
        try {
            return (ObjectNode) Fixture.JSON.readTree(fixture.last().rawBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
