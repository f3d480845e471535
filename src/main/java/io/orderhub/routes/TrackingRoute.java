package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.ProblemException;
import io.orderhub.tracking.TrackingStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The customer's tracking page, {@code GET /track/{order_id}?token=…}, and the status it polls,
 * {@code GET /track/{order_id}/status?token=…}. The page's buttons call {@code POST /orders/{id}/decision}.
 */
@Component
@ConditionalOnRole("dashboard")
public class TrackingRoute extends RouteBuilder {

    private final TrackingStatus tracking;
    private final HttpResponses responses;

    public TrackingRoute(TrackingStatus tracking, HttpResponses responses) {
        this.tracking = tracking;
        this.responses = responses;
    }

    @Override
    public void configure() {
        onException(ProblemException.class).handled(true).bean(responses, "problem");
        onException(MongoException.class).handled(true).bean(responses, "storeUnavailable");
        onException(Exception.class).handled(true).bean(responses, "unexpected");

        from("platform-http:/track/{order_id}?httpMethodRestrict=GET").routeId("tracking-page")
                .process(exchange -> {
                    exchange.getMessage().getHeaders().clear();
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
                    exchange.getMessage().setHeader("Cache-Control", "no-store");
                    exchange.getMessage().setBody(tracking.page());
                });

        from("platform-http:/track/{order_id}/status?httpMethodRestrict=GET").routeId("tracking-status")
                .process(exchange -> responses.jsonText(exchange, 200, tracking.status(exchange)));
    }
}
