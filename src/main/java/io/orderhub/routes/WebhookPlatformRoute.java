package io.orderhub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.PlatformRecognizer;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * The shape every platform's translator route shares: the platform's set-up handshake (if it has one) answered
 * 200, JSON only, the platform's authentication (401), the store's rate limit (429), then an order topic is
 * enveloped (and hydrated, where the platform's webhooks are thin) and translated, and any other topic is
 * answered 200 ignored. A platform's route supplies what is its own as data, its {@link PlatformShape}, and
 * overrides only what data cannot say: how it authenticates (unless it uses the common signature scheme), and,
 * where they are its own, how it is recognised, its topic and its envelope.
 */
public abstract class WebhookPlatformRoute extends ImportStageRouteBuilder implements PlatformRecognizer {

    protected final DeliverySteps steps;
    protected final PlatformShape shape;

    protected WebhookPlatformRoute(DeliverySteps steps, PlatformShape shape) {
        this.steps = steps;
        this.shape = shape;
    }

    @Override
    public final String platform() {
        return shape.platform();
    }

    @Override
    public boolean readsBody() {
        return shape.readsBody();
    }

    /** By the header only this platform sends; a platform without one overrides this (or is never guessed). */
    @Override
    public boolean recognises(InboundDelivery delivery) {
        return shape.recognisedBy() != null && delivery.header(shape.recognisedBy()) != null;
    }

    @Override
    protected final void stages() {
        from(endpointUri()).routeId("platform-" + platform())
                .choice()
                    .when(this::isHandshake)
                        .setBody(this::handshake)
                    .otherwise()
                        .process(this::requireContentType)
                        .process(this::authenticated)
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
     * Checks the delivery comes from the store it names and sets that store on the exchange, else 401: by default with
     * the shape's {@link PlatformShape#signature() signature}; a platform that signs otherwise overrides this.
     */
    protected void authenticate(Exchange exchange) {
        PlatformShape.HeaderSignature signature = shape.signature();
        if (signature == null) {
            throw new IllegalStateException("The " + platform() + " route declares no signature and does not authenticate");
        }
        steps.authenticateHmac(exchange, DeliverySteps.storeInHeader(exchange, signature.storeHeader()),
                signature.signatureHeader());
    }

    /**
     * Whether the delivery is the platform's unsigned set-up probe, which must be answered 200 before anything is
     * checked or the platform refuses to save the webhook. None by default.
     */
    protected boolean isHandshake(Exchange exchange) {
        return false;
    }

    /** JSON, unless the platform sends something else (415 otherwise). */
    protected void requireContentType(Exchange exchange) {
        steps.requireJson(exchange);
    }

    /** The delivery's topic or event type, as the platform names it: its header, else its field; null when none. */
    protected String topic(Exchange exchange) {
        String topic = shape.topicHeader() == null ? null : Deliveries.delivery(exchange).header(shape.topicHeader());
        if (topic != null) {
            return topic.trim();
        }
        return shape.topicField() == null ? null : steps.receivedText(exchange, shape.topicField());
    }

    protected boolean isOrderTopic(Exchange exchange) {
        return steps.isOrderTopic(exchange, shape.orderTopics(), topic(exchange));
    }

    /**
     * What the platform sent, parsed: what {@link #authenticate} kept (the event a JWT or thin webhook carries),
     * else the body (400 when it is not JSON).
     */
    protected JsonNode received(Exchange exchange) {
        return steps.received(exchange);
    }

    /** The order id as text, where the shape's identity says it sits; null when there is none. */
    protected final String orderId(Exchange exchange) {
        return shape.orderIdentity().value(received(exchange));
    }

    /**
     * The envelope the platform's mapping file reads (see OrderTranslator#envelope): the order its thin event names,
     * hydrated as the shape says, else what was received, the whole order.
     */
    protected ObjectNode envelope(Exchange exchange) {
        if (shape.hydration() != null) {
            return steps.hydrator().hydrate(exchange, shape.hydration(), orderId(exchange));
        }
        return steps.envelope(exchange, received(exchange));
    }

    /** The delivery authenticated; where each store has its own mapping file, that one is chosen. */
    private void authenticated(Exchange exchange) {
        authenticate(exchange);
        if (shape.storeMappings()) {
            Deliveries.update(exchange, context -> context.withMapping(platform() + "/" + context.store().storeUid()));
        }
    }

    /** Checked before the envelope, so a thin platform never hydrates an id it can never have issued. */
    private void requireOrderIdentity(Exchange exchange) {
        steps.requireOrderIdentity(exchange, shape.orderIdentity(), received(exchange));
    }

    private ImportResult handshake(Exchange exchange) {
        return steps.ignored(platform() + " webhook handshake");
    }

    private ImportResult ignoredTopic(Exchange exchange) {
        return steps.ignored(platform() + " topic '" + topic(exchange) + "' is not an order topic");
    }
}
