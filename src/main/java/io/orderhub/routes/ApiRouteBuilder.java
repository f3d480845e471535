package io.orderhub.routes;

import java.util.function.Function;

import io.orderhub.gateway.HttpResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes of a REST API the hub serves (orders, deliveries, partners): every refusal raised in them is
 * answered in one place, {@link ApiAnswers}, as problem+json with the contract's status; the routes answer
 * what their beans return.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    protected final HttpResponses responses;

    protected ApiRouteBuilder(HttpResponses responses) {
        this.responses = responses;
    }

    /** The routes, each HTTP one answering its refusals through {@link ApiAnswers}. */
    @Override
    public final void configure() throws Exception {
        routes();
        getRouteCollection().getRoutes().stream().filter(route -> route.getInput().getEndpointUri().startsWith("platform-http:"))
                .forEach(route -> route.routeConfigurationId(ApiAnswers.ID));
    }

    protected abstract void routes() throws Exception;

    /** Answers with {@code status} and what {@code answer} returns as JSON: the step of a route whose bean returns a value. */
    protected Processor answer(int status, Function<Exchange, Object> answer) {
        return exchange -> responses.json(exchange, status, answer.apply(exchange));
    }

    /** The same for a bean that returns the JSON text itself (a stored document). */
    protected Processor answerJson(int status, Function<Exchange, String> answer) {
        return exchange -> responses.jsonText(exchange, status, answer.apply(exchange));
    }

    /** A path parameter ({@code {order_id}}) or query parameter, as platform-http puts them in headers. */
    protected static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
