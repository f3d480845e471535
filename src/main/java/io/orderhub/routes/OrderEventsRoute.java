package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.order.OrderEvent;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The order-event bus of an import instance: one thread takes each event off the queue and hands it to every
 * listener in turn, in the order the events were raised. Each listener only passes the event on to a queue of
 * its own (assignment's new orders, the dashboard's outbox), so none waits for another. A queue with several
 * consumers ({@code multipleConsumers}) would do the same through a parallel multicast: two thread hand-offs
 * per event and a wait for both, about a twentieth of the hub's CPU under load (docs/performance.md).
 */
@Component
@ConditionalOnRole("import")
public class OrderEventsRoute extends RouteBuilder {

    @Override
    public void configure() {
        RouteNodes.consumer("order-events-in", from(OrderEvent.ENDPOINT)).routeId("order-events")
                // Each listener gets its own copy: both replace the body with what their queue takes. The dashboard
                // first: assignment releases a cancelled order's partner in line, a store write.
                .multicast().id("order-events-to-listeners")
                    .to(DashboardFeedRoute.EVENTS).id("order-events-to-dashboard")
                    .to(AssignmentRoute.EVENTS).id("order-events-to-assignment")
                .end();
    }
}
