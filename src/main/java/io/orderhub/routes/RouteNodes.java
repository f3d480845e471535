package io.orderhub.routes;

import org.apache.camel.model.RouteDefinition;

/**
 * Stable node ids for what the route DSL cannot name in line. Hawtio labels each node of its route diagram by
 * its id and counts exchanges per id, so a generated one ({@code from32}) tells an operator nothing and changes
 * whenever a route is added before it.
 */
final class RouteNodes {

    private RouteNodes() {
    }

    /** Names the route's consumer (its {@code from}), which {@code .id(…)} cannot reach: on a route it sets the route id. */
    static RouteDefinition consumer(String id, RouteDefinition route) {
        route.getInput().id(id);
        return route;
    }
}
