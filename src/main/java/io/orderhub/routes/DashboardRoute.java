package io.orderhub.routes;

import java.util.Map;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.dashboard.DashboardCredentials;
import io.orderhub.dashboard.DashboardFanOut;
import io.orderhub.dashboard.DashboardProperties;
import io.orderhub.dashboard.DashboardQueries;
import io.orderhub.dashboard.DashboardResync;
import io.orderhub.dashboard.DashboardSockets;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The dashboard role: events arrive from the import role ({@code POST /dashboard/events}), fan out to every
 * instance, and reach the browsers on the WebSocket, where each client first gets the snapshot. The page
 * itself is a static resource at {@code /}.
 */
@Component
@ConditionalOnRole("dashboard")
public class DashboardRoute extends ApiRouteBuilder {

    private static final String RESYNC = "seda:dashboard-resync?size=1&discardWhenFull=true";

    private final DashboardCredentials credentials;
    private final DashboardFanOut fanOut;
    private final DashboardSockets sockets;
    private final DashboardQueries queries;
    /** Zero: no resync timer. */
    private final long resyncEveryMillis;
    private final long storesEveryMillis;
    private final DashboardResync resync;

    public DashboardRoute(DashboardCredentials credentials, DashboardFanOut fanOut, DashboardSockets sockets,
            DashboardQueries queries, DashboardProperties properties, DashboardResync resync, HttpResponses responses) {
        super(responses);
        this.resync = resync;
        this.resyncEveryMillis = properties.resyncInterval().toMillis();
        this.storesEveryMillis = properties.storesInterval().toMillis();
        this.credentials = credentials;
        this.fanOut = fanOut;
        this.sockets = sockets;
        this.queries = queries;
    }

    @Override
    protected void routes() {
        from("platform-http:/dashboard/events?httpMethodRestrict=POST").routeId("dashboard-events")
                .bean(credentials, "requireBearer")
                .convertBodyTo(String.class)
                .bean(fanOut, "publish")
                .filter(method(resync, "eventsWereDropped"))
                    .to(RESYNC)
                .end()
                .process(exchange -> responses.json(exchange, 202, Map.of("status", "accepted")));

        // One resync at a time, and one more waiting at most: requests while one runs are covered by that one.
        from(RESYNC).routeId("dashboard-resync")
                .bean(resync, "resync");
        if (resyncEveryMillis > 0) {
            long every = resyncEveryMillis;
            from("timer:dashboard-resync?delay=" + every + "&period=" + every).routeId("dashboard-resync-timer")
                    .to(RESYNC);
        }

        from("platform-http:/dashboard/config?httpMethodRestrict=GET").routeId("dashboard-config")
                .process(exchange -> responses.json(exchange, 200, sockets.pageConfig()));

        from("platform-http:/dashboard/dead-letters?httpMethodRestrict=GET").routeId("dashboard-dead-letters")
                .bean(credentials, "requireBearer")
                .process(exchange -> responses.jsonText(exchange, 200, queries.deadLetters()));

        from("platform-http:/dashboard/stores?httpMethodRestrict=GET").routeId("dashboard-store-health")
                .bean(credentials, "requireBearer")
                .process(exchange -> responses.json(exchange, 200, Map.of("items", sockets.stores())));

        from(sockets.endpointUri() + "?fireWebSocketConnectionEvents=true&exceptionHandler=#dashboardSocketErrors")
                .routeId("dashboard-socket")
                .choice()
                    .when(header(VertxWebsocketConstants.EVENT).isEqualTo(VertxWebsocketEvent.OPEN))
                        .bean(sockets, "open")
                    .when(header(VertxWebsocketConstants.EVENT).isEqualTo(VertxWebsocketEvent.CLOSE))
                        .bean(sockets, "close")
                .end();

        long period = storesEveryMillis;
        from("timer:dashboard-stores?delay=" + period + "&period=" + period).routeId("dashboard-stores")
                .bean(sockets, "refreshStores");
    }
}
