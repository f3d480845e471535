package io.orderhub.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code orderhub.stores[]} entries the fixtures name, as Spring properties. */
public final class FixtureStores {

    private FixtureStores() {
    }

    /**
     * @param apiBaseUrl where the platform API double listens; it becomes the {@code api-base-url} of every
     *                   platform whose fixtures have {@code api_responses} (the thin ones)
     */
    public static Map<String, String> properties(String apiBaseUrl) {
        Map<String, JsonNode> stores = new LinkedHashMap<>();
        Set<String> hydrated = new TreeSet<>(Set.of("bigcommerce"));
        for (Fixture fixture : Fixture.all()) {
            if (!fixture.apiResponses().isEmpty()) {
                hydrated.add(fixture.platform());
            }
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
        if (apiBaseUrl != null) {
            hydrated.forEach(platform -> properties.put("orderhub.platforms." + platform + ".api-base-url", apiBaseUrl));
        }
        return properties;
    }
}
