package io.orderhub.reconcile;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.OrderHubProperties.StoreApi;
import io.orderhub.platform.StoreRegistry.Store;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * What every platform's {@link OrdersApi} shares: what its {@link PlatformListing} declares, its name and whether its
 * route hydrates what it is given (a thin platform: then the pulled orders are imported as the store the api block
 * describes, so hydration asks the API the listing came from). It holds nothing else: the calls come with each page.
 */
public abstract class PlatformOrdersApi implements OrdersApi {

    private final PlatformListing listing = Objects.requireNonNull(AnnotationUtils.findAnnotation(getClass(), PlatformListing.class),
            () -> getClass().getSimpleName() + " needs its @PlatformListing");

    @Override
    public final String platform() {
        return listing.platform();
    }

    @Override
    public Store importedAs(Store store, StoreApi api) {
        return listing.hydrated() ? OrdersApi.hydratedThroughApi(store, api) : store;
    }

    /** Orders a page asks for: the store's page size, within the platform's limit. */
    protected int limit(ReconciledStore store) {
        return Math.min(listing.maxPage(), store.api().pageSize());
    }

    protected static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
