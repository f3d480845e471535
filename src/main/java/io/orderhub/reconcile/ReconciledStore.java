package io.orderhub.reconcile;

import io.orderhub.config.OrderHubProperties.StoreApi;
import io.orderhub.platform.StoreRegistry.Store;

/** A store with an enabled {@code api} block: the store as the import pipeline knows it, and its API settings. */
public record ReconciledStore(Store store, StoreApi api) {

    public String platform() {
        return store.platform();
    }

    public String storeUid() {
        return store.storeUid();
    }

    public String key() {
        return Checkpoints.key(platform(), storeUid());
    }

    /** The configured base URL without trailing slashes, or the given default. */
    public String baseUrl(String fallback) {
        String url = api.baseUrl() == null || api.baseUrl().isBlank() ? fallback : api.baseUrl();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** The api block's access token, else the store's. */
    public String accessToken() {
        return api.accessToken() == null || api.accessToken().isBlank() ? store.accessToken() : api.accessToken();
    }

    @Override
    public String toString() {
        return key();
    }
}
