package io.orderhub.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code orderhub.stores[]} entries the fixtures name, as Spring properties. */
public final class FixtureStores {

    private FixtureStores() {
    }

    public static Map<String, String> properties(String bigCommerceApiBaseUrl) {
        Map<String, JsonNode> stores = new LinkedHashMap<>();
        for (Fixture fixture : Fixture.all()) {
            JsonNode store = fixture.store();
            // A store without store_uid is deliberately not configured (the unknown-store case).
            if (store != null && store.hasNonNull("store_uid")) {
                stores.putIfAbsent(fixture.platform() + "/" + store.get("store_uid").asText(), store);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode store : stores.values()) {
            String prefix = "orderhub.stores[" + i++ + "].";
            properties.put(prefix + "platform", store.get("platform").asText());
            properties.put(prefix + "store-uid", store.get("store_uid").asText());
            if (store.hasNonNull("webhook-secret")) {
                properties.put(prefix + "webhook-secret", store.get("webhook-secret").asText());
            }
            if (store.hasNonNull("access-token")) {
                properties.put(prefix + "access-token", store.get("access-token").asText());
            }
        }
        if (bigCommerceApiBaseUrl != null) {
            properties.put("orderhub.platforms.bigcommerce.api-base-url", bigCommerceApiBaseUrl);
        }
        return properties;
    }
}
