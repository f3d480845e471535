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
        from("direct:dead-letter").routeId("dead-letter")
                .setBody(deadLetters::document)
                .to("mongodb:orderhubMongo?database={{orderhub.store.database:orderhub}}&collection=dead_letters&operation=insert")
                .setBody(deadLetters::acknowledged)
                // Like stored orders: announced once durable, off the answer's path.
                .wireTap(OrderEvent.ENDPOINT).onPrepare(deadLetters::eventAsBody);
    }
}
