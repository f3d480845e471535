package io.orderhub.routes;

import java.util.Map;

import io.orderhub.gateway.HttpResponses;
import io.orderhub.ops.DurableFloor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code POST /bench/durable}, only under the {@code bench} profile: the durable floor ({@link DurableFloor}), the
 * second ceiling the benchmark sets the import rate against. It runs on the same platform-http server and request
 * pool as {@code /import-orders}; a refused delivery is answered as problem+json like the hub's APIs.
 */
@Component
@Profile("bench")
public class BenchDurableFloorRoute extends ApiRouteBuilder {

    private final DurableFloor floor;

    public BenchDurableFloorRoute(HttpResponses responses, DurableFloor floor) {
        super(responses);
        this.floor = floor;
    }

    @Override
    protected void routes() {
        from("platform-http:/bench/durable?httpMethodRestrict=POST").routeId("bench-durable-floor")
                .process(floor::store).id("bench-durable-store")
                .process(answer(201, exchange -> Map.of("status", "stored"))).id("bench-durable-answer");
    }
}
