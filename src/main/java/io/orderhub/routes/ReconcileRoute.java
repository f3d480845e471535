package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.reconcile.ReconcileProperties;
import io.orderhub.reconcile.ReconciledStore;
import io.orderhub.reconcile.ReconciledStores;
import io.orderhub.reconcile.Reconciler;
import io.orderhub.reconcile.StoreHealth;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reconciliation: one timer route per store with an enabled {@code api} block ({@code reconcile-{platform}-{store}}),
 * which pulls the orders its webhooks may have missed and feeds them through the webhook's own path; and
 * the flush of webhook arrival times to the store. A failed run keeps its checkpoint and is logged by the
 * reconciler; the next tick tries again.
 */
@Component
@ConditionalOnRole("import")
public class ReconcileRoute extends RouteBuilder {

    private final ReconciledStores stores;
    private final Reconciler reconciler;
    private final StoreHealth health;
    private final ReconcileProperties settings;

    public ReconcileRoute(ReconciledStores stores, Reconciler reconciler, StoreHealth health,
            ReconcileProperties settings) {
        this.stores = stores;
        this.reconciler = reconciler;
        this.health = health;
        this.settings = settings;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.INFO, "${routeId} run ended early: ${exception.message}");

        for (ReconciledStore store : stores.all()) {
            long period = store.api().interval().toMillis();
            from("timer:reconcile-" + store.platform() + "-" + store.storeUid().replaceAll("[^A-Za-z0-9.-]", "_")
                    + "?period=" + period + "&delay=" + period)
                    .routeId("reconcile-" + store.platform() + "-" + store.storeUid())
                    .process(exchange -> reconciler.run(store.platform(), store.storeUid()));
        }

        from("timer:store-health-flush?period=" + settings.healthFlushInterval().toMillis())
                .routeId("store-health-flush")
                .process(exchange -> health.flush());
    }
}
