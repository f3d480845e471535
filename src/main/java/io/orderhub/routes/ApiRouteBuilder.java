package io.orderhub.routes;

import java.util.function.Function;

import com.mongodb.MongoException;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.mapping.InvalidMappingException;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.problem.ProblemException;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes of a REST API the hub serves (orders, deliveries, partners): every refusal raised in them is
 * answered in one place, as problem+json with the contract's status.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    protected final HttpResponses responses;

    protected ApiRouteBuilder(HttpResponses responses) {
        this.responses = responses;
    }

    @Override
    public final void configure() throws Exception {
        onException(ProblemException.class).handled(true).bean(responses, "problem");
        // Raised only by operator actions: a replayed dead letter that still fails, a reload of broken mapping files.
        onException(UnmappableOrderException.class).handled(true)
                .process(unprocessable("The delivery still cannot be mapped; it stays a dead letter: "));
        onException(InvalidMappingException.class).handled(true)
                .process(unprocessable("The mapping files were not reloaded; the previous ones stay in use: "));
        onException(MongoException.class).handled(true).bean(responses, "storeUnavailable");
        onException(Exception.class).handled(true).bean(responses, "unexpected");
        routes();
    }

    protected abstract void routes() throws Exception;

    private Processor unprocessable(String outcome) {
        return exchange -> {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new Problems.Unprocessable(outcome + failure.getMessage()));
            responses.problem(exchange);
        };
    }

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

    /** The request body's bytes; null or empty when there is none. */
    protected static byte[] body(Exchange exchange) {
        return exchange.getMessage().getBody(byte[].class);
    }
}
