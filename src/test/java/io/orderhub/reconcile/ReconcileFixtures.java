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

    private ReconcileFixtures() {
    }

    /**
     * The fixture stores' settings plus an enabled api block for one store of each platform with an API (two
     * orders a page, no timer within a test). The first run looks back far enough for the fixtures' dates, and
     * every run overlaps the ones before it as far: a second run lists the first run's orders again (duplicates).
     */
    public static Map<String, String> properties(String apiBaseUrl) {
        Map<String, String> properties = new LinkedHashMap<>(FixtureStores.properties(null));
        Map<String, String> api = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (!name.endsWith(".store-uid")) {
                return;
            }
            String prefix = name.substring(0, name.length() - "store-uid".length());
            String platform = properties.get(prefix + "platform");
            Listings.all().stream().filter(l -> l.platform().equals(platform) && l.storeUid().equals(value))
                    .findFirst().ifPresent(listing -> {
                        api.put(prefix + "api.enabled", "true");
                        api.put(prefix + "api.base-url", apiBaseUrl);
                        api.put(prefix + "api.page-size", "2");
                        api.put(prefix + "api.interval", "1h");
                        api.put(prefix + "api.initial-lookback", "3650d");
                        listing.apiBlock().forEach((key, setting) -> api.put(prefix + "api." + key, setting));
                    });
        });
        api.put("orderhub.reconcile.overlap", "3650d");
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

    private static ObjectNode body(Fixture fixture) {
        try {
            return (ObjectNode) Fixture.JSON.readTree(fixture.last().rawBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
