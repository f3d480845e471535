package io.orderhub.routes;

import com.mongodb.MongoException;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.order.OrderQueries;
import io.orderhub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** {@code GET /orders}, {@code /orders/{order_id}}, {@code /orders/{order_id}/raw} and {@code /orders/{order_id}/history}. */
@Component
public class OrdersApiRoute extends RouteBuilder {

    private final OrderQueries queries;
    private final HttpResponses responses;

    public OrdersApiRoute(OrderQueries queries, HttpResponses responses) {
        this.queries = queries;
        this.responses = responses;
    }

    @Override
    public void configure() {
        onException(ProblemException.class).handled(true).bean(responses, "problem");
        onException(MongoException.class).handled(true).bean(responses, "storeUnavailable");
        onException(Exception.class).handled(true).bean(responses, "unexpected");

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
