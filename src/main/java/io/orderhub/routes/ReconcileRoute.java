package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.reconcile.ReconcileProperties;
import io.orderhub.reconcile.ReconciledStore;
import io.orderhub.reconcile.ReconciledStores;
import io.orderhub.reconcile.Reconciler;
import io.orderhub.reconcile.StoreHealth;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reconciliation: one timer route per store with an enabled {@code api} block ({@code reconcile-{platform}-{store}})
 * starts a {@code reconcile} run, which pulls the orders its webhooks may have missed page by page and splits
 * each page into the webhook's own path; and the flush of webhook arrival times to the store. A failed run
 * keeps its checkpoint and is logged by the reconciler; the next tick tries again.
 */
@Component
@ConditionalOnRole("import")
public class ReconcileRoute extends RouteBuilder {

    /** One run of the store named by the {@code platform} and {@code store_uid} headers; the body becomes its {@link Reconciler.Run}. */
    public static final String RUN = "direct:reconcile";
    private static final String PAGES = "direct:reconcile-pages";

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
        // A run's failure goes back to whoever started it: the timer logs it, the operator's run-now answers it.
        errorHandler(noErrorHandler());

        for (ReconciledStore store : stores.all()) {
            long period = store.api().interval().toMillis();
            from("timer:reconcile-" + store.platform() + "-" + store.storeUid().replaceAll("[^A-Za-z0-9.-]", "_")
                    + "?period=" + period + "&delay=" + period)
                    .routeId("reconcile-" + store.platform() + "-" + store.storeUid())
                    .setHeader("platform", constant(store.platform()))
                    .setHeader("store_uid", constant(store.storeUid()))
                    .doTry()
                        .to(RUN)
                    .doCatch(Exception.class)
                        .log(LoggingLevel.INFO, "${routeId} run ended early: ${exception.message}")
                    .end();
        }

        from(RUN).routeId("reconcile")
                .bean(reconciler, "begin")
                .filter(exchangeProperty(Reconciler.PASS).isNotNull())
                    .doTry()
                        .to(PAGES)
                        .setBody(method(reconciler, "completed"))
                    .doCatch(Exception.class)
                        .bean(reconciler, "failed")
                    .end()
                .end();

        // An order that cannot be mapped is counted and skipped (its webhook would be a dead letter too); any
        // other failure stops the run before the checkpoint moves past the page.
        from(PAGES).routeId("reconcile-pages")
                .loopDoWhile(method(reconciler, "morePages"))
                    .setBody(method(reconciler, "nextPage"))
                    .split(body()).stopOnException()
                        .doTry()
                            .setBody(method(reconciler, "delivery"))
                            .to(ReplayRoute.ENTRY)
                            .bean(reconciler, "imported")
                        .doCatch(UnmappableOrderException.class)
                            .bean(reconciler, "unmappable")
                        .end()
                    .end()
                    .bean(reconciler, "pageStored")
                .end();

        from("timer:store-health-flush?period=" + settings.healthFlushInterval().toMillis())
                .routeId("store-health-flush")
                .doTry()
                    .bean(health, "flush")
                .doCatch(Exception.class)
                    .log(LoggingLevel.INFO, "${routeId} run ended early: ${exception.message}")
                .end();
    }
}
