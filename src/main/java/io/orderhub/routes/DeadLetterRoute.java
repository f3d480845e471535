package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.deadletter.DeadLetters;
import io.orderhub.order.OrderEvent;
import org.springframework.stereotype.Component;

/**
 * Authentic deliveries that cannot become a universal order are kept whole, with the reason, so they can
 * be replayed once their mapping is fixed; the platform is told 202 so it does not retry in vain.
 */
@Component
@ConditionalOnRole("import")
public class DeadLetterRoute extends ImportStageRouteBuilder {

    private final DeadLetters deadLetters;

    public DeadLetterRoute(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected void stages() {
        RouteNodes.consumer("dead-letter-in", from("direct:dead-letter")).routeId("dead-letter")
                .setBody(deadLetters::document).id("dead-letter-document")
                    .description("the delivery whole, with the reason it could not be mapped")
                .to("mongodb:orderhubMongo?database={{orderhub.store.database:orderhub}}&collection=dead_letters&operation=insert")
                    .id("dead-letter-insert")
                .setBody(deadLetters::acknowledged).id("dead-letter-answer")
                    .description("202: the platform must not retry in vain")
                // Like stored orders: announced once durable, off the answer's path.
                .wireTap(OrderEvent.ENDPOINT).onPrepare(deadLetters::eventAsBody).id("dead-letter-announce");
    }
}
