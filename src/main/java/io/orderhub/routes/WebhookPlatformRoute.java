package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformRecognizer;
import org.apache.camel.Exchange;

/**
 * The shape every webhook platform's translator route shares: JSON only, the platform's authentication
 * (401), the store's rate limit (429), then an order topic is enveloped (and hydrated, where the platform's
 * webhooks are thin) and translated, and any other topic is answered 200 ignored. A platform supplies only
 * what is its own: how it is recognised, how it authenticates, what its topic is, and its envelope.
 */
public abstract class WebhookPlatformRoute extends ImportStageRouteBuilder implements PlatformRecognizer {

    protected final DeliverySteps steps;

    protected WebhookPlatformRoute(DeliverySteps steps) {
        this.steps = steps;
    }

    /** Checks the delivery comes from the store it names and sets that store on the exchange, else 401. */
    protected abstract void authenticate(Exchange exchange);

    /** The delivery's topic or event type, as the platform names it; null when it has none. */
    protected abstract String topic(Exchange exchange);

    /** The topics that carry an order. */
    protected abstract Set<String> orderTopics();

    /** Where the platform's order id sits in {@link #received} and what shape it has. */
    protected abstract OrderIdentity orderIdentity();

    /** What the platform sent, parsed: the body, or the event a JWT or thin webhook carries. */
    protected abstract JsonNode received(Exchange exchange);

    /** The envelope the platform's mapping file reads (see OrderTranslator#envelope); thin platforms hydrate here. */
    protected abstract ObjectNode envelope(Exchange exchange);

    @Override
    protected final void stages() {
        from(endpointUri()).routeId("platform-" + platform())
                .process(this::requireContentType)
                .process(this::authenticate)
                .process(steps::admit)
                .choice()
                    .when(this::isOrderTopic)
                        .process(this::requireOrderIdentity)
                        .setBody(this::envelope)
                        .to("direct:translate")
                    .otherwise()
                        .setBody(this::ignoredTopic)
                .end();
    }

    /** Checked before the envelope, so a thin platform never hydrates an id it can never have issued. */
    private void requireOrderIdentity(Exchange exchange) {
        steps.requireOrderIdentity(exchange, orderIdentity(), received(exchange));
    }

    /** JSON, unless the platform sends something else (415 otherwise). */
    protected void requireContentType(Exchange exchange) {
        steps.requireJson(exchange);
    }

    protected boolean isOrderTopic(Exchange exchange) {
        return steps.isOrderTopic(exchange, orderTopics(), topic(exchange));
    }

    private ImportResult ignoredTopic(Exchange exchange) {
        return steps.ignored(platform() + " topic '" + topic(exchange) + "' is not an order topic");
    }
}
