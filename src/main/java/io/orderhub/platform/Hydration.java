package io.orderhub.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderhub.platform.StoreRegistry.Store;

/**
 * How a thin platform's order is fetched, as data: which API, where its order and the parts the order only names
 * live, how the store's access token is sent, and where the received event goes in the envelope. Paths are
 * templates: {@code {store}} is the store uid, {@code {id}} the order id.
 *
 * @param api            the API's name in refusals and logs, e.g. "Ecwid REST API"
 * @param defaultBaseUrl the platform's public API, used when the store sets no {@code api-base-url}
 * @param auth           how the store's access token is sent
 * @param headers        headers every call sends besides the token (a User-Agent the API asks for, an app key)
 * @param order          the order's path; a 404 for it is an unmappable delivery
 * @param parts          further resources fetched beside the order, each into its own envelope field
 * @param eventField     the envelope field the received event is kept in
 */
public record Hydration(String api, String defaultBaseUrl, TokenAuth auth, Map<String, String> headers, String order,
        List<Part> parts, String eventField) {

    /**
     * A resource fetched beside the order.
     *
     * @param field the envelope field it goes into
     * @param path  its path template
     * @param list  whether it is a list, which is empty (not null) when the API has none
     */
    public record Part(String field, String path, boolean list) {
    }

    /** How a platform's API takes the store's access token; without a token nothing is sent and the API's 401 says why. */
    public enum TokenAuth {
        /** {@code Authorization: Bearer {token}}. */
        BEARER,
        /** {@code X-Auth-Token: {token}}. */
        X_AUTH_TOKEN,
        /** The token as the Basic user name with no password (a webservice key). */
        BASIC_USER;

        Map<String, String> headers(Store store) {
            String token = store.accessToken();
            return switch (this) {
                case BEARER -> token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
                case X_AUTH_TOKEN -> token == null ? Map.of() : Map.of("X-Auth-Token", token);
                case BASIC_USER -> Map.of("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(((token == null ? "" : token) + ":").getBytes(StandardCharsets.UTF_8)));
            };
        }
    }

    /** The store's API: its {@code api-base-url}, else the platform's default (which may name the store). */
    String baseUrl(Store store) {
        return PlatformApi.baseUrl(store, defaultBaseUrl.replace("{store}", store.storeUid()));
    }

    /** The full URL of a path template for this store and order. */
    String url(Store store, String path, String orderId) {
        return baseUrl(store) + path.replace("{store}", store.storeUid()).replace("{id}", orderId);
    }

    Map<String, String> headers(Store store) {
        Map<String, String> all = new HashMap<>(auth.headers(store));
        all.putAll(headers);
        return all;
    }
}
