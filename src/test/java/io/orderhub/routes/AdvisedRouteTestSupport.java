package io.orderhub.routes;

import io.orderhub.support.HubTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the tests of one stage route: a whole {@code @HubTest} hub (embedded store, real Redis) whose context
 * waits ({@code @UseAdviceWith} on the test class) until the route under test is advised, so only its edges
 * are replaced by mocks. The hub lives for the test class, so the advice is applied once.
 */
abstract class AdvisedRouteTestSupport extends HubTestSupport {

    @Autowired
    protected ModelCamelContext camel;

    /** Replaces the edges of the route under test; called once, before the context starts. */
    protected abstract void advise() throws Exception;

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!camel.isStarted()) {
            advise();
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
    }

    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        AdviceWith.adviceWith(camel, routeId, advice);
    }

    protected MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }
}
