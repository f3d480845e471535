package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.dashboard.DashboardFeed;
import io.orderhub.dashboard.DashboardProperties;
import io.orderhub.order.OrderEvent;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.springframework.stereotype.Component;

/**
 * Import → dashboard: every order event becomes a dashboard event, waits in a bounded outbox, and goes to
 * the dashboard role in batches (full, or at the latest every batch interval). The outbox keeps a slow or
 * absent dashboard away from the other listeners of the event bus: when it is full, events are dropped
 * and counted.
 */
@Component
@ConditionalOnRole("import")
public class DashboardFeedRoute extends RouteBuilder {

    private final DashboardFeed feed;
    private final DashboardProperties properties;
    /** Full: the event is dropped (and counted) rather than slowing the import that raised it. */
    private final String outbox;

    public DashboardFeedRoute(DashboardFeed feed, DashboardProperties properties) {
        this.feed = feed;
        this.properties = properties;
        this.outbox = "seda:dashboard-outbox?size=" + properties.outboxSize() + "&blockWhenFull=false";
    }

    @Override
    public void configure() {
        onException(IllegalStateException.class).id("dashboard-on-outbox-full").handled(true)
                .bean(feed, "outboxFull").id("dashboard-count-dropped");

        RouteNodes.consumer("dashboard-feed-in", from(OrderEvent.ENDPOINT)).routeId("dashboard-feed")
                .setBody(method(feed, "event")).id("dashboard-event")
                .to(outbox).id("dashboard-to-outbox");

        RouteNodes.consumer("dashboard-outbox-in", from(outbox)).routeId("dashboard-batch")
                .aggregate(constant(true), new GroupedBodyAggregationStrategy()).id("dashboard-batch-events")
                    .completionSize(properties.batchSize())
                    .completionInterval(properties.batchInterval().toMillis())
                .bean(feed, "post").id("dashboard-post-batch");
    }
}
