package io.orderhub.ops;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the Camel routes of this process's roles have started. Tomcat listens before Camel starts its
 * routes, and every endpoint of the hub ({@code /import-orders}, {@code /partners}, {@code /dashboard/…}) is
 * a route: until they run, a webhook is answered 404 and lost to the platform's retry schedule. Whatever the
 * roles, readiness means "this process serves its own endpoints", so the check takes the routes as they are.
 */
@Component("routes")
class RoutesHealthIndicator implements HealthIndicator {

    private final CamelContext camel;

    RoutesHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.outOfService().withDetail("camel", camel.getStatus().name()).build();
        }
        // A route declared not to start on its own is started on demand: it does not make the process unready.
        List<Route> routes = camel.getRoutes().stream().filter(Route::isAutoStartup).toList();
        List<String> notStarted = routes.stream().map(Route::getRouteId)
                .filter(id -> !camel.getRouteController().getRouteStatus(id).isStarted()).toList();
        Health.Builder health = notStarted.isEmpty() ? Health.up() : Health.outOfService().withDetail("notStarted", notStarted);
        return health.withDetail("started", routes.size() - notStarted.size()).withDetail("routes", routes.size()).build();
    }
}
