package io.orderhub.routes;

import io.orderhub.demo.DemoApiStandIn;
import io.orderhub.demo.DemoProperties;
import io.orderhub.demo.DemoTraffic;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.springframework.context.annotation.Profile;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} profile only: a timer that sends signed webhooks to this hub, and a stand-in for the REST APIs of
 * the thin platforms that the demo's events are hydrated from: {@code /demo/api/{platform}/{the API's own path}}, the
 * {@code api-base-url} of each demo store in application-demo.yml.
 */
@Component
@Profile("demo")
public class DemoRoute extends ApiRouteBuilder {

    static final String API_PREFIX = "/demo/api/";

    private final DemoTraffic traffic;
    private final DemoApiStandIn api;
    private final long periodMillis;

    public DemoRoute(DemoTraffic traffic, DemoApiStandIn api, DemoProperties properties, HttpResponses responses) {
        super(responses);
        this.traffic = traffic;
        this.api = api;
        this.periodMillis = Math.max(1, Math.round(1000 / Math.max(0.01, properties.ratePerSecond())));
    }

    @Override
    protected void routes() {
        from("timer:demo-traffic?delay=1000&period=" + periodMillis).routeId("demo-traffic")
                .process(exchange -> traffic.sendOne()).id("demo-send-one");

        from("platform-http:" + API_PREFIX + "?httpMethodRestrict=GET&matchOnUriPrefix=true").routeId("demo-platform-api")
                .process(this::answer).id("demo-platform-api-answer");
    }

    private void answer(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String rest = uri.substring(uri.indexOf(API_PREFIX) + API_PREFIX.length());
        int slash = rest.indexOf('/');
        String platform = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String body = api.answer(platform, path).map(Object::toString)
                .orElseThrow(() -> new Problems.NotFound("The demo's " + platform + " API has nothing at " + path));
        responses.jsonText(exchange, 200, body);
    }
}
