package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.tracking.TrackingStatus;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The customer's tracking page, {@code GET /track/{order_id}?token=…}, and the status it polls,
 * {@code GET /track/{order_id}/status?token=…}. The page's buttons call {@code POST /orders/{id}/decision}.
 */
@Component
@ConditionalOnRole("dashboard")
public class TrackingRoute extends ApiRouteBuilder {

    private final TrackingStatus tracking;

    public TrackingRoute(TrackingStatus tracking, HttpResponses responses) {
        super(responses);
        this.tracking = tracking;
    }

    @Override
    protected void routes() {
        from("platform-http:/track/{order_id}?httpMethodRestrict=GET").routeId("tracking-page")
                .process(exchange -> responses.page(exchange, tracking.page()));

        from("platform-http:/track/{order_id}/status?httpMethodRestrict=GET").routeId("tracking-status")
                .process(answerJson(200, exchange -> tracking.status(header(exchange, "order_id"), header(exchange, "token"))));
    }
}
