package io.orderhub.routes;

import io.orderhub.admin.Replays;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.ReplayedDelivery;
import io.orderhub.problem.ProblemException;
import org.apache.camel.builder.AggregationStrategies;
import org.springframework.stereotype.Component;

/**
 * Kept deliveries re-entering the pipeline: {@code replay} takes one {@link ReplayedDelivery} into its
 * platform's route, as if it had just arrived (the idempotent consumer included, so a replay never makes a
 * second order). The operator's dead-letter replay and re-mapping of stored orders read what to replay and
 * send it through {@code replay}; reconciliation and the import queue do the same from their own routes.
 */
@Component
@ConditionalOnRole("import")
public class ReplayRoute extends ImportStageRouteBuilder {

    /** One {@link ReplayedDelivery} (the body) through its platform route; the body becomes its import result. */
    public static final String ENTRY = "direct:replay";
    /** The dead letter whose id is the {@code id} header, replayed and marked; the body becomes the answer. */
    public static final String DEAD_LETTER = "direct:replay-dead-letter";
    /** Re-maps stored orders ({@code platform}, {@code since} headers); the body becomes the summary. */
    public static final String REPROCESS = "direct:replay-reprocess";

    private final Replays replays;

    public ReplayRoute(Replays replays) {
        this.replays = replays;
    }

    @Override
    protected void stages() {
        from(ENTRY).routeId("replay")
                .process(ReplayedDelivery::enter)
                .toD(GatewayRoute.PLATFORM_ROUTE);

        from(DEAD_LETTER).routeId("replay-dead-letter")
                .setBody(method(replays, "deadLetter"))
                .to(ENTRY)
                .setBody(method(replays, "markReplayed"));

        // A stored order that cannot be replayed (store removed, mapping refuses it) is reported and the rest go
        // on; the store failing stops the run, as nothing after it could be stored either.
        from(REPROCESS).routeId("replay-reprocess")
                .setBody(method(replays, "storedDeliveries"))
                .split(body(), AggregationStrategies.groupedBody()).streaming().stopOnException()
                    .doTry()
                        .setBody(method(replays, "replayable"))
                        .to(ENTRY)
                    .doCatch(ProblemException.class, UnmappableOrderException.class)
                        .setBody(method(replays, "notReplayed"))
                    .end()
                .end()
                .setBody(method(replays, "reprocessed"));
    }
}
