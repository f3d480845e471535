package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.partner.PartnerRequests;
import io.orderhub.partner.PartnerServiceKey;
import io.orderhub.security.AdminCredentials;
import org.springframework.stereotype.Component;

/**
 * The Partner Service's REST API: the registry ({@code /partners}, operators only, reads included since a
 * partner's zones and capacity are business data) and the two calls the import role makes
 * ({@code /partners/assign}, {@code /partners/release}) with the service key.
 */
@Component
@ConditionalOnRole("partner")
public class PartnerServiceRoute extends ApiRouteBuilder {

    private final PartnerRequests requests;
    private final AdminCredentials admin;
    private final PartnerServiceKey serviceKey;

    public PartnerServiceRoute(PartnerRequests requests, AdminCredentials admin, PartnerServiceKey serviceKey,
            HttpResponses responses) {
        super(responses);
        this.requests = requests;
        this.admin = admin;
        this.serviceKey = serviceKey;
    }

    @Override
    protected void routes() {
        from("platform-http:/partners?httpMethodRestrict=GET,POST").routeId("partners-collection")
                .bean(admin, "requireAdmin")
                .choice()
                    .when(header("CamelHttpMethod").isEqualTo("GET")).bean(requests, "list")
                    .otherwise().bean(requests, "create")
                .end();

        from("platform-http:/partners/{partner_id}?httpMethodRestrict=GET,PUT,DELETE").routeId("partners-item")
                .bean(admin, "requireAdmin")
                .choice()
                    .when(header("CamelHttpMethod").isEqualTo("GET")).bean(requests, "get")
                    .when(header("CamelHttpMethod").isEqualTo("PUT")).bean(requests, "replace")
                    .otherwise().bean(requests, "delete")
                .end();

        from("platform-http:/partners/assign?httpMethodRestrict=POST").routeId("partners-assign")
                .bean(serviceKey, "requireServiceOrAdmin")
                .bean(requests, "assign");

        from("platform-http:/partners/release?httpMethodRestrict=POST").routeId("partners-release")
                .bean(serviceKey, "requireServiceOrAdmin")
                .bean(requests, "release");
    }
}
