package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformRecognizer;
import org.apache.camel.Exchange;

/**
 * The shape every platform's translator route shares: the platform's set-up handshake (if it has one) answered
 * 200, JSON only, the platform's authentication (401), the store's rate limit (429), then an order topic is
 * enveloped (and hydrated, where the platform's webhooks are thin) and translated, and any other topic is
 * answered 200 ignored. A platform's route supplies only what is its own, mostly as data: how it is
 * recognised, how it authenticates, what its topic is, where its order id sits, and its envelope.
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

    /**
     * What the platform sent, parsed: what {@link #authenticate} kept (the event a JWT or thin webhook carries),
     * else the body (400 when it is not JSON).
     */
    protected JsonNode received(Exchange exchange) {
        return steps.received(exchange);
    }

    /**
     * The envelope the platform's mapping file reads (see OrderTranslator#envelope): by default around what was
     * received, the whole order; thin platforms hydrate here.
     */
    protected ObjectNode envelope(Exchange exchange) {
        return steps.envelope(exchange, received(exchange));
    }

    /** The order id as text, where {@link #orderIdentity} says it sits; null when there is none. */
    protected final String orderId(Exchange exchange) {
        return orderIdentity().value(received(exchange));
    }

    /** A topic sent in a header (trimmed), else, when {@code field} is given, in the received body. */
    protected final String topicIn(Exchange exchange, String header, String field) {
        String topic = header == null ? null : Deliveries.delivery(exchange).header(header);
        if (topic != null) {
            return topic.trim();
        }
        return field == null ? null : steps.receivedText(exchange, field);
    }

    @Override
    protected final void stages() {
        from(endpointUri()).routeId("platform-" + platform())
                .choice()
                    .when(this::isHandshake)
                        .setBody(this::handshake)
                    .otherwise()
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
                        .end()
                .end();
    }

    /**
     * Whether the delivery is the platform's unsigned set-up probe, which must be answered 200 before anything is
     * checked or the platform refuses to save the webhook. None by default.
     */
    protected boolean isHandshake(Exchange exchange) {
        return false;
    }

    private ImportResult handshake(Exchange exchange) {
        return steps.ignored(platform() + " webhook handshake");
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
