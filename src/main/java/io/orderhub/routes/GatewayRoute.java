package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import java.util.Comparator;
import java.util.List;

import io.orderhub.gateway.DeliveryReceiver;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformDetector;
import io.orderhub.platform.PlatformRecognizer;
import io.orderhub.problem.ProblemException;
import io.orderhub.queue.DeliveryQueueing;
import io.orderhub.mongo.StoreFailures;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.springframework.stereotype.Component;

/**
 * {@code POST /import-orders}: the gateway checks (size, content type), then a content-based router sends
 * the delivery to its platform's translator route. The router's branches come from the platform routes
 * themselves, so adding a platform never means editing this class.
 */
@Component
@ConditionalOnRole("import")
public class GatewayRoute extends RouteBuilder {

    private final DeliveryReceiver receiver;
    private final PlatformDetector detector;
    private final List<PlatformRecognizer> platforms;
    private final HttpResponses responses;
    private final DeliveryQueueing queueing;

    public GatewayRoute(DeliveryReceiver receiver, PlatformDetector detector, List<PlatformRecognizer> platforms,
            HttpResponses responses, DeliveryQueueing queueing) {
        this.receiver = receiver;
        this.detector = detector;
        this.platforms = platforms;
        this.responses = responses;
        this.queueing = queueing;
    }

    @Override
    public void configure() {
        onException(ProblemException.class).handled(true).bean(responses, "problem");
        onException(UnmappableOrderException.class).handled(true)
                .to("direct:dead-letter")
                .bean(responses, "importResult");
        // The store failed: keep the authenticated delivery in the import queue (202 queued) or refuse it (503).
        onException(Exception.class).onWhen(StoreFailures::isStoreFailure).handled(true).bean(queueing, "queueOrRefuse");
        onException(Exception.class).handled(true).bean(responses, "unexpected");

        // useStreaming hands the servlet's InputStream over instead of its Reader: signatures cover the bytes as
        // sent, and a body that is not UTF-8 must reach PayloadJson's strict decoder (400), not fail in Tomcat (500).
        ChoiceDefinition router = from("platform-http:/import-orders?httpMethodRestrict=POST&populateBodyWithForm=false"
                + "&useStreaming=true")
                .routeId("import-gateway")
                .setProperty(Deliveries.DELIVERY, method(receiver, "receive"))
                .setProperty(Deliveries.PLATFORM, method(detector, "explicitPlatform"))
                .choice()
                    .when(exchangeProperty(Deliveries.PLATFORM).isNotNull())
                        .toD("direct:platform-${exchangeProperty." + Deliveries.PLATFORM + "}");
        // Platforms told apart by their headers first; those that must look into the body last.
        List<PlatformRecognizer> byCost = platforms.stream()
                .sorted(Comparator.comparing(PlatformRecognizer::readsBody)).toList();
        for (PlatformRecognizer platform : byCost) {
            router.when(exchange -> platform.recognises(Deliveries.delivery(exchange)))
                    .setProperty(Deliveries.PLATFORM, constant(platform.platform()))
                    .to(platform.endpointUri());
        }
        router.otherwise()
                    .bean(detector, "unrecognised")
                .end()
                .bean(responses, "importResult");
    }
}
