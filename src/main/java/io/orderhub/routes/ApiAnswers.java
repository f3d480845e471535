package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.mapping.InvalidMappingException;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.problem.ProblemException;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What the REST APIs (orders, deliveries, partners, operator, dashboard, tracking) answer when a route refuses or
 * fails, in one place (a Camel route configuration every {@link ApiRouteBuilder} route uses): a refusal is its
 * problem+json, an operator action on a delivery that still cannot be mapped or on broken mapping files is 422, a
 * store failure 503, anything else a 500 that names no internals.
 */
@Component
public class ApiAnswers extends RouteConfigurationBuilder {

    public static final String ID = "api-answers";

    private final HttpResponses responses;

    public ApiAnswers(HttpResponses responses) {
        this.responses = responses;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ProblemException.class).handled(true).bean(responses, "problem").end()
                .onException(UnmappableOrderException.class).handled(true)
                    .process(unprocessable("The delivery still cannot be mapped; it stays a dead letter: ")).end()
                .onException(InvalidMappingException.class).handled(true)
                    .process(unprocessable("The mapping files were not reloaded; the previous ones stay in use: ")).end()
                .onException(MongoException.class).handled(true).bean(responses, "storeUnavailable").end()
                .onException(Exception.class).handled(true).bean(responses, "unexpected").end();
    }

    private Processor unprocessable(String outcome) {
        return exchange -> {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new Problems.Unprocessable(outcome + failure.getMessage()));
            responses.problem(exchange);
        };
    }
}
