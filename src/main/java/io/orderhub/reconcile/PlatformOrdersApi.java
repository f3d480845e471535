package io.orderhub.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.OrderHubProperties.StoreApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.PayloadJson;

/**
 * What every platform's {@link OrdersApi} shares: its name, the API calls and JSON it builds deliveries with, and
 * whether its route hydrates what it is given (a thin platform: then the pulled orders are imported as the store
 * the api block describes, so hydration asks the API the listing came from).
 */
public abstract class PlatformOrdersApi implements OrdersApi {

    protected final ApiCalls calls;
    protected final PayloadJson json;
    private final PlatformListing listing;

    protected PlatformOrdersApi(PlatformListing listing, ApiCalls calls, PayloadJson json) {
        this.listing = listing;
        this.calls = calls;
        this.json = json;
    }

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

    protected ObjectNode object() {
        return json.mapper().createObjectNode();
    }
}
