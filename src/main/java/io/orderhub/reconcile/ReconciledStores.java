package io.orderhub.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.StoreSettings;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.platform.StoreRegistry.Store;
import org.springframework.stereotype.Component;

/** The configured stores whose {@code api} block is enabled, with the credentials their API client needs. */
@Component
public class ReconciledStores {

    private final List<ReconciledStore> stores = new ArrayList<>();

    public ReconciledStores(OrderHubProperties properties, StoreRegistry registry, List<OrdersApi> apis) {
        for (StoreSettings settings : properties.stores()) {
            if (settings.api() == null || !settings.api().enabled()) {
                continue;
            }
            String platform = settings.platform().toLowerCase(Locale.ROOT);
            Store store = registry.find(platform, settings.storeUid()).orElseThrow();
            Store imported = apis.stream().filter(api -> api.platform().equals(platform)).findFirst()
                    .map(api -> api.importedAs(store, settings.api())).orElse(store);
            stores.add(new ReconciledStore(imported, settings.api()));
        }
    }

    public List<ReconciledStore> all() {
        return List.copyOf(stores);
    }

    public Optional<ReconciledStore> find(String platform, String storeUid) {
        return stores.stream().filter(s -> s.platform().equalsIgnoreCase(platform)
                && s.storeUid().equalsIgnoreCase(storeUid)).findFirst();
    }
}
