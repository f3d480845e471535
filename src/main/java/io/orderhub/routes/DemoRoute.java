package io.orderhub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.demo.DemoProperties;
import io.orderhub.demo.DemoTraffic;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.springframework.context.annotation.Profile;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} profile only: a timer that sends signed webhooks to this hub, and a stand-in for
 * BigCommerce's V2 API that the demo's thin BigCommerce events are hydrated from.
 */
@Component
@Profile("demo")
public class DemoRoute extends ApiRouteBuilder {

    private final DemoTraffic traffic;
    private final long periodMillis;

    public DemoRoute(DemoTraffic traffic, DemoProperties properties, HttpResponses responses) {
        super(responses);
        this.traffic = traffic;
        this.periodMillis = Math.max(1, Math.round(1000 / Math.max(0.01, properties.ratePerSecond())));
    }

    @Override
    protected void routes() {
        from("timer:demo-traffic?delay=1000&period=" + periodMillis).routeId("demo-traffic")
                .process(exchange -> traffic.sendOne());

        from("platform-http:/demo/bigcommerce/stores/{hash}/v2/orders/{id}?httpMethodRestrict=GET").routeId("demo-bigcommerce-order")
                .process(exchange -> answer(exchange, null));
        from("platform-http:/demo/bigcommerce/stores/{hash}/v2/orders/{id}/products?httpMethodRestrict=GET")
                .routeId("demo-bigcommerce-products")
                .process(exchange -> answer(exchange, "products"));
        from("platform-http:/demo/bigcommerce/stores/{hash}/v2/orders/{id}/shipping_addresses?httpMethodRestrict=GET")
                .routeId("demo-bigcommerce-addresses")
                .process(exchange -> answer(exchange, "shipping_addresses"));
    }

    private void answer(Exchange exchange, String part) {
        String id = exchange.getMessage().getHeader("id", String.class);
        JsonNode body = traffic.bigCommerceOrder(id, part);
        if (body == null) {
            throw new Problems.NotFound("No demo BigCommerce order " + id);
        }
        responses.jsonText(exchange, 200, body.toString());
    }
}
