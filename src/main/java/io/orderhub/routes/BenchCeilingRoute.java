package io.orderhub.routes;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code POST /bench/noop}, only under the {@code bench} profile: the ceiling the benchmark compares the import
 * rate with. It runs on the same platform-http server and request pool as {@code /import-orders} and does no
 * work, so the ratio of the two rates is what the import pipeline costs.
 */
@Component
@Profile("bench")
public class BenchCeilingRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/bench/noop?httpMethodRestrict=POST").routeId("bench-noop")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(constant("{\"status\":\"ok\"}"));
    }
}
