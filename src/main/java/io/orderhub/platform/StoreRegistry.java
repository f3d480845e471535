package io.orderhub.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.PlatformSettings;
import io.orderhub.config.OrderHubProperties.StoreSettings;
import org.springframework.stereotype.Component;

/** The configured stores, with each platform's defaults filled in where a store leaves a setting out. */
@Component
public class StoreRegistry {

    private final Map<String, PlatformSettings> platforms;
    private final Map<String, Store> stores = new HashMap<>();

    public StoreRegistry(OrderHubProperties properties) {
        this.platforms = properties.platforms();
        for (StoreSettings s : properties.stores()) {
            String platform = s.platform().toLowerCase(Locale.ROOT);
            PlatformSettings defaults = platforms.getOrDefault(platform, new PlatformSettings(null, null, null));
            Store store = new Store(platform, s.storeUid(),
                    firstNonBlank(s.webhookSecret(), defaults.webhookSecret()),
                    firstNonBlank(s.accessToken(), defaults.accessToken()),
                    firstNonBlank(s.apiBaseUrl(), defaults.apiBaseUrl()));
            stores.put(key(platform, s.storeUid()), store);
        }
    }

    /**
     * The store, or for a store that is not listed, one built from the platform's defaults (a Shopify app's
     * client secret signs the webhooks of every shop that installs it).
     */
    public Optional<Store> find(String platform, String storeUid) {
        Store store = stores.get(key(platform, storeUid));
        if (store != null) {
            return Optional.of(store);
        }
        PlatformSettings defaults = platforms.get(platform);
        if (defaults == null || isBlank(defaults.webhookSecret())) {
            return Optional.empty();
        }
        return Optional.of(new Store(platform, storeUid, defaults.webhookSecret(), defaults.accessToken(),
                defaults.apiBaseUrl()));
    }

    public List<Store> ofPlatform(String platform) {
        return stores.values().stream().filter(s -> s.platform().equals(platform)).toList();
    }

    private static String key(String platform, String storeUid) {
        return platform + "\u0000" + (storeUid == null ? "" : storeUid.toLowerCase(Locale.ROOT));
    }

    private static String firstNonBlank(String a, String b) {
        return isBlank(a) ? (isBlank(b) ? null : b) : a;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A store as the pipeline uses it; secrets never leave this record in logs or answers. */
    public record Store(String platform, String storeUid, String webhookSecret, String accessToken, String apiBaseUrl) {

        public boolean hasSecret() {
            return !isBlank(webhookSecret);
        }

        @Override
        public String toString() {
            return platform + "/" + storeUid;
        }
    }
}
