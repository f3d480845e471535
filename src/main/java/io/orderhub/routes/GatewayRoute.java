package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import java.util.Comparator;
import java.util.List;

import io.orderhub.gateway.DeliveryReceiver;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.ImportContext;
import io.orderhub.platform.PlatformDetector;
import io.orderhub.platform.PlatformRecognizer;
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

    /** The platform route of the platform the delivery names; toD keeps one producer per platform. */
    static final String PLATFORM_ROUTE = "direct:platform-${exchangeProperty." + Deliveries.CONTEXT + ".platform}";

    private final DeliveryReceiver receiver;
    private final PlatformDetector detector;
    private final List<PlatformRecognizer> platforms;
    private final HttpResponses responses;

    public GatewayRoute(DeliveryReceiver receiver, PlatformDetector detector, List<PlatformRecognizer> platforms,
            HttpResponses responses) {
        this.receiver = receiver;
        this.detector = detector;
        this.platforms = platforms;
        this.responses = responses;
    }

    @Override
    public void configure() {
        // useStreaming hands the servlet's InputStream over instead of its Reader: signatures cover the bytes as
        // sent, and a body that is not UTF-8 must reach PayloadJson's strict decoder (400), not fail in Tomcat (500).
        ChoiceDefinition router = RouteNodes.consumer("gateway-http-in",
                        from("platform-http:" + DeliveryReceiver.IMPORT_PATH + "?httpMethodRestrict=POST&populateBodyWithForm=false"
                                + "&useStreaming=true"))
                .routeId("import-gateway").routeConfigurationId(ImportAnswers.ID)
                .process(exchange -> Deliveries.start(exchange, ImportContext.received(receiver.receive(exchange))))
                    .id("gateway-check-size-and-type")
                    .description("size ≤ max body bytes (413); JSON, form or JWT text (415); keeps the raw bytes")
                .process(detector::nameExplicitPlatform).id("gateway-named-platform")
                    .description("X-OrderHub-Platform or ?platform= (400 for a platform the hub does not know)")
                .choice().id("gateway-route-to-platform")
                    .when(NamedPredicate.named("platform named", exchange -> Deliveries.platform(exchange) != null))
                            .id("gateway-when-platform-named")
                        .toD(PLATFORM_ROUTE).id("gateway-to-named-platform");
        // Platforms told apart by their headers first; those that must look into the body last.
        List<PlatformRecognizer> byCost = platforms.stream()
                .sorted(Comparator.comparing(PlatformRecognizer::readsBody)).toList();
        for (PlatformRecognizer platform : byCost) {
            String name = platform.platform();
            router.when(NamedPredicate.named("recognised as " + name, exchange -> platform.recognises(Deliveries.delivery(exchange))))
                        .id("gateway-when-" + name)
                    .process(exchange -> Deliveries.update(exchange, context -> context.withPlatform(name)))
                        .id("gateway-platform-is-" + name)
                    .to(platform.endpointUri()).id("gateway-to-" + name);
        }
        router.otherwise().id("gateway-when-unrecognised")
                    .bean(detector, "unrecognised").id("gateway-refuse-unrecognised")
                .end()
                .bean(responses, "importResult").id("gateway-answer");
    }
}
