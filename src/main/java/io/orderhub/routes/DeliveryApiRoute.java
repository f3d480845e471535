package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.assignment.DeliveryRequests;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The customer's answer to a delivery choice and an operator's reassignment: both change the delivery block. */
@Component
@ConditionalOnRole("import")
public class DeliveryApiRoute extends RouteBuilder {

    private final DeliveryRequests requests;
    private final HttpResponses responses;

    public DeliveryApiRoute(DeliveryRequests requests, HttpResponses responses) {
        this.requests = requests;
        this.responses = responses;
    }

    @Override
    public void configure() {
        onException(ProblemException.class).handled(true).bean(responses, "problem");
        onException(MongoException.class).handled(true).bean(responses, "storeUnavailable");
        onException(Exception.class).handled(true).bean(responses, "unexpected");

        from("platform-http:/orders/{order_id}/decision?httpMethodRestrict=POST").routeId("delivery-decision")
                .bean(requests, "decide");

        from("platform-http:/orders/{order_id}/reassign?httpMethodRestrict=POST").routeId("delivery-reassign")
                .bean(requests, "reassign");
    }
}
