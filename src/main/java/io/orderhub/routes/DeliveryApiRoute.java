package io.orderhub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.assignment.DeliveryRequests;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.security.AdminCredentials;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/** The customer's answer to a delivery choice and an operator's reassignment: both change the delivery block. */
@Component
@ConditionalOnRole("import")
public class DeliveryApiRoute extends ApiRouteBuilder {

    private final DeliveryRequests requests;
    private final AdminCredentials admin;

    public DeliveryApiRoute(DeliveryRequests requests, AdminCredentials admin, HttpResponses responses) {
        super(responses);
        this.requests = requests;
        this.admin = admin;
    }

    @Override
    protected void routes() {
        from("platform-http:/orders/{order_id}/decision?httpMethodRestrict=POST").routeId("delivery-decision")
                .process(exchange -> requests.requireDecider(header(exchange, "order_id"), header(exchange, "token"),
                        admin.isAdmin(exchange)))
                .process(answerJson(200, exchange -> requests.decide(header(exchange, "order_id"),
                        responses.requestBody(exchange, JsonNode.class))));

        from("platform-http:/orders/{order_id}/reassign?httpMethodRestrict=POST").routeId("delivery-reassign")
                .bean(admin, "requireAdmin")
                .process(answerJson(200, exchange -> requests.reassign(header(exchange, "order_id"),
                        responses.requestBody(exchange, JsonNode.class))));
    }
}
