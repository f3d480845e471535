package io.orderhub.platform;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.DeliveryFacts;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;
import org.apache.camel.Exchange;

/**
 * Where a delivery's facts live on the exchange while it moves through the import routes: one
 * {@link ImportContext} under {@link #CONTEXT}. The accessors answer null (or false) before the gateway set it.
 */
public final class Deliveries {

    /** The exchange property holding the {@link ImportContext}. */
    public static final String CONTEXT = DeliveryFacts.PROPERTY;
    public static final String RECONCILE_TOPIC = "reconcile";

    private Deliveries() {
    }

    public static ImportContext context(Exchange exchange) {
        return exchange.getProperty(CONTEXT, ImportContext.class);
    }

    /** Starts (or restarts, for a replay) the import of a delivery on this exchange. */
    public static void start(Exchange exchange, ImportContext context) {
        exchange.setProperty(CONTEXT, context);
    }

    /** Replaces the context with what a stage learned. */
    public static ImportContext update(Exchange exchange, UnaryOperator<ImportContext> learned) {
        ImportContext updated = learned.apply(context(exchange));
        exchange.setProperty(CONTEXT, updated);
        return updated;
    }

    public static InboundDelivery delivery(Exchange exchange) {
        return known(exchange, ImportContext::delivery);
    }

    public static String platform(Exchange exchange) {
        return known(exchange, ImportContext::platform);
    }

    /** The mapping to translate with: the one a route set, else the platform's. */
    public static String mapping(Exchange exchange) {
        ImportContext context = context(exchange);
        return context.mapping() == null ? context.platform() : context.mapping();
    }

    public static JsonNode received(Exchange exchange) {
        return known(exchange, ImportContext::received);
    }

    public static Store store(Exchange exchange) {
        return known(exchange, ImportContext::store);
    }

    public static boolean isReplay(Exchange exchange) {
        return Boolean.TRUE.equals(known(exchange, ImportContext::replay));
    }

    public static boolean isReconcile(Exchange exchange) {
        return isReplay(exchange) && Boolean.TRUE.equals(known(exchange, ImportContext::reconcile));
    }

    /** The translated order's idempotency key; null before translation. */
    public static String idempotencyKey(Exchange exchange) {
        return known(exchange, ImportContext::idempotencyKey);
    }

    /** What the import path knows so far, or null before the delivery was admitted. */
    private static <T> T known(Exchange exchange, Function<ImportContext, T> fact) {
        ImportContext context = context(exchange);
        return context == null ? null : fact.apply(context);
    }
}
