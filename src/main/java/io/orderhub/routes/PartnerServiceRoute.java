package io.orderhub.routes;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.partner.Partner;
import io.orderhub.partner.PartnerProperties;
import io.orderhub.partner.PartnerRequests;
import io.orderhub.partner.PartnerServiceKey;
import io.orderhub.security.AdminCredentials;
import org.apache.camel.Exchange;
import io.orderhub.gateway.HttpResponses;
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
    private final Duration settleAfter;

    public PartnerServiceRoute(PartnerRequests requests, AdminCredentials admin, PartnerServiceKey serviceKey,
            PartnerProperties properties, HttpResponses responses) {
        super(responses);
        this.requests = requests;
        this.admin = admin;
        this.serviceKey = serviceKey;
        this.settleAfter = properties.settleAfter();
    }

    @Override
    protected void routes() {
        from("platform-http:/partners?httpMethodRestrict=GET,POST").routeId("partners-collection")
                .bean(admin, "requireAdmin")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("GET"))
                        .process(answer(200, exchange -> requests.list()))
                    .otherwise()
                        .process(answer(201, exchange -> requests.create(responses.requestBody(exchange, Partner.class))))
                .end();

        from("platform-http:/partners/{partner_id}?httpMethodRestrict=GET,PUT,DELETE").routeId("partners-item")
                .bean(admin, "requireAdmin")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("GET"))
                        .process(answer(200, exchange -> requests.get(partnerId(exchange))))
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("PUT"))
                        .process(answer(200, exchange -> requests.replace(partnerId(exchange), responses.requestBody(exchange, Partner.class))))
                    .otherwise()
                        .process(exchange -> requests.delete(partnerId(exchange)))
                        .process(exchange -> responses.noContent(exchange))
                .end();

        from("platform-http:/partners/assign?httpMethodRestrict=POST").routeId("partners-assign")
                .bean(serviceKey, "requireServiceOrAdmin")
                .process(answer(200, exchange -> requests.assign(responses.requestBody(exchange, JsonNode.class), partnerId(exchange))));

        from("platform-http:/partners/assign-batch?httpMethodRestrict=POST").routeId("partners-assign-batch")
                .bean(serviceKey, "requireServiceOrAdmin")
                .process(answer(200, exchange -> requests.assignAll(responses.requestBody(exchange, JsonNode.class))));

        from("platform-http:/partners/release?httpMethodRestrict=POST").routeId("partners-release")
                .bean(serviceKey, "requireServiceOrAdmin")
                .process(answer(200, exchange -> requests.release(responses.requestBody(exchange, JsonNode.class))));

        // Reservation steps a store failure cut short (a unit taken, its reservation never written) are settled.
        long settleEvery = Math.max(1, settleAfter.toMillis() / 2);
        RouteNodes.consumer("partners-unfinished-in", from("scheduler:partners-unfinished?delay=" + settleEvery
                + "&initialDelay=" + settleEvery)).routeId("partners-settle-unfinished")
                .process(exchange -> requests.settleUnfinished(settleAfter)).id("partners-settle-stale-steps");
    }

    private static String partnerId(Exchange exchange) {
        return header(exchange, "partner_id");
    }
}
