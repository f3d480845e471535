package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.reconcile.Reconciler;
import io.orderhub.reconcile.StoreStatus;
import io.orderhub.security.AdminCredentials;
import org.apache.camel.Exchange;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The operator's view of the stores: {@code GET /admin/stores} (settings with secrets masked, reconciliation
 * checkpoint, webhook health) and {@code POST /admin/stores/{platform}/{store_uid}/reconcile}, which runs a
 * store's reconciliation now and answers what it did (409 while another run holds the store).
 */
@Component
@ConditionalOnRole("import")
public class StoresAdminRoute extends ApiRouteBuilder {

    private final AdminCredentials credentials;
    private final StoreStatus status;

    public StoresAdminRoute(AdminCredentials credentials, StoreStatus status, HttpResponses responses) {
        super(responses);
        this.credentials = credentials;
        this.status = status;
    }

    @Override
    protected void routes() {
        from("platform-http:/admin/stores?httpMethodRestrict=GET").routeId("admin-stores")
                .process(credentials::requireAdmin)
                .process(exchange -> responses.json(exchange, 200, status.all()));

        from("platform-http:/admin/stores/{platform}/{store_uid}/reconcile?httpMethodRestrict=POST")
                .routeId("admin-store-reconcile")
                .process(credentials::requireAdmin)
                .to(ReconcileRoute.RUN)
                .process(this::reconcile);
    }

    private void reconcile(Exchange exchange) {
        Reconciler.Run run = exchange.getMessage().getBody(Reconciler.Run.class);
        responses.json(exchange, "busy".equals(run.status()) ? 409 : 200, run.body());
    }
}
