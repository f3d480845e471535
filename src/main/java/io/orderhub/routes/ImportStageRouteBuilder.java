package io.orderhub.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * A stage of the import pipeline, called from the {@code import-gateway} route. Stages have no error
 * handler of their own: a refusal raised anywhere travels back to the gateway, which answers it as
 * problem+json in one place.
 */
public abstract class ImportStageRouteBuilder extends RouteBuilder {

    @Override
    public final void configure() throws Exception {
        errorHandler(noErrorHandler());
        stages();
    }

    protected abstract void stages() throws Exception;
}
