package io.orderhub.routes;

import io.orderhub.assignment.DeliveryRequests;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/** The customer's answer to a delivery choice and an operator's reassignment: both change the delivery block. */
@Component
@ConditionalOnRole("import")
public class DeliveryApiRoute extends ApiRouteBuilder {

    private final DeliveryRequests requests;

    public DeliveryApiRoute(DeliveryRequests requests, HttpResponses responses) {
        super(responses);
        this.requests = requests;
    }

    @Override
    protected void routes() {
        from("platform-http:/orders/{order_id}/decision?httpMethodRestrict=POST").routeId("delivery-decision")
                .bean(requests, "decide");

        from("platform-http:/orders/{order_id}/reassign?httpMethodRestrict=POST").routeId("delivery-reassign")
                .bean(requests, "reassign");
    }
}
