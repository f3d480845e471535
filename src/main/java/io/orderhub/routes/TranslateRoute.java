package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.translate.OrderTranslator;
import org.springframework.stereotype.Component;

/**
 * The shared translation stage: the platform's envelope is mapped by its mapping file and validated against
 * the universal schema, then stored. An authentic order that cannot be mapped raises
 * UnmappableOrderException, which the gateway turns into a dead letter.
 */
@Component
@ConditionalOnRole("import")
public class TranslateRoute extends ImportStageRouteBuilder {

    private final OrderTranslator translator;

    public TranslateRoute(OrderTranslator translator) {
        this.translator = translator;
    }

    @Override
    protected void stages() {
        RouteNodes.consumer("translate-in", from("direct:translate")).routeId("translate")
                .setBody(translator::translate).id("translate-map")
                    .description("mapping file (JSLT) → universal schema check → digest and idempotency key")
                .to("direct:store-order").id("translate-to-store");
    }
}
