package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes that answer HTTP callers other than platforms: a refusal as its problem+json, a store failure as
 * 503, anything else as 500, declared once for all of them.
 */
public abstract class HttpApiRouteBuilder extends RouteBuilder {

    protected final HttpResponses responses;

    protected HttpApiRouteBuilder(HttpResponses responses) {
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
