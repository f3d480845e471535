package io.orderhub.routes;

import io.orderhub.gateway.HttpResponses;
import io.orderhub.order.OrderQueries;
import org.springframework.stereotype.Component;

/** {@code GET /orders}, {@code /orders/{order_id}}, {@code /orders/{order_id}/raw} and {@code /orders/{order_id}/history}. */
@Component
public class OrdersApiRoute extends ApiRouteBuilder {

    private final OrderQueries queries;

    public OrdersApiRoute(OrderQueries queries, HttpResponses responses) {
        super(responses);
        this.queries = queries;
    }

    @Override
    protected void routes() {
        from("platform-http:/orders?httpMethodRestrict=GET").routeId("orders-list")
                .process(exchange -> responses.jsonText(exchange, 200, queries.orders(exchange)));

        from("platform-http:/orders/{order_id}?httpMethodRestrict=GET").routeId("orders-get")
                .process(exchange -> responses.jsonText(exchange, 200, queries.order(exchange)));

        from("platform-http:/orders/{order_id}/raw?httpMethodRestrict=GET").routeId("orders-raw")
                .process(exchange -> responses.jsonText(exchange, 200, queries.raw(exchange)));

        from("platform-http:/orders/{order_id}/history?httpMethodRestrict=GET").routeId("orders-history")
                .process(exchange -> responses.jsonText(exchange, 200, queries.history(exchange)));
    }
}
