package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.ProblemException;
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
        onException(MongoException.class).handled(true).bean(responses, "storeUnavailable");
        onException(Exception.class).handled(true).bean(responses, "unexpected");
        routes();
    }

    protected abstract void routes() throws Exception;
}
