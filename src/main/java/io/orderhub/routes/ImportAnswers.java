package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.mongo.StoreFailures;
import io.orderhub.problem.ProblemException;
import io.orderhub.queue.DeliveryQueueing;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * What the import path answers when a stage refuses or fails, in one place (a Camel route configuration, used by the
 * {@code import-gateway} route): the stages themselves have no error handler, so every failure comes back here.
 * A refusal is its problem+json (400, 401, 413, 415, 429, 503 …); an authentic delivery that cannot be mapped is a
 * dead letter (202); a store failure keeps the delivery in the import queue (202 queued) or refuses it (503);
 * anything else is a 500 that names no internals.
 */
@Component
@ConditionalOnRole("import")
public class ImportAnswers extends RouteConfigurationBuilder {

    public static final String ID = "import-answers";

    private final HttpResponses responses;
    private final DeliveryQueueing queueing;

    public ImportAnswers(HttpResponses responses, DeliveryQueueing queueing) {
        this.responses = responses;
        this.queueing = queueing;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ProblemException.class).id("gateway-on-refusal").handled(true)
                    .bean(responses, "problem").id("gateway-answer-problem")
                .end()
                .onException(UnmappableOrderException.class).id("gateway-on-unmappable").handled(true)
                    .to("direct:dead-letter").id("gateway-to-dead-letter")
                    .bean(responses, "importResult").id("gateway-answer-dead-letter")
                .end()
                .onException(Exception.class).id("gateway-on-store-failure")
                    .onWhen(NamedPredicate.named("store failure", StoreFailures::isStoreFailure)).handled(true)
                    .bean(queueing, "queueOrRefuse").id("gateway-queue-or-refuse")
                .end()
                .onException(Exception.class).id("gateway-on-unexpected").handled(true)
                    .bean(responses, "unexpected").id("gateway-answer-unexpected")
                .end();
    }
}
