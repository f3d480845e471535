package io.orderhub.routes;

import io.orderhub.order.OrderQueries;
import io.orderhub.gateway.HttpResponses;
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
                .process(answerJson(200, exchange -> queries.orders(name -> header(exchange, name))));

        from("platform-http:/orders/{order_id}?httpMethodRestrict=GET").routeId("orders-get")
                .process(answerJson(200, exchange -> queries.order(header(exchange, "order_id"))));

        from("platform-http:/orders/{order_id}/raw?httpMethodRestrict=GET").routeId("orders-raw")
                .process(answerJson(200, exchange -> queries.raw(header(exchange, "order_id"))));

        from("platform-http:/orders/{order_id}/history?httpMethodRestrict=GET").routeId("orders-history")
                .process(answerJson(200, exchange -> queries.history(header(exchange, "order_id"))));
    }
}
