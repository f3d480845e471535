package io.orderhub.routes;

import io.orderhub.admin.Replays;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.platform.Deliveries;
import org.springframework.stereotype.Component;

/** Where a replayed delivery re-enters the pipeline: its platform's route, as if it had just arrived. */
@Component
@ConditionalOnRole("import")
public class ReplayRoute extends ImportStageRouteBuilder {

    @Override
    protected void stages() {
        from(Replays.ENDPOINT).routeId("replay")
                .toD("direct:platform-${exchangeProperty." + Deliveries.PLATFORM + "}");
    }
}
