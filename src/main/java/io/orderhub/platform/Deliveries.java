package io.orderhub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.DeliveryFacts;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;
import org.apache.camel.Exchange;

/** Where a delivery's facts live on the exchange while it moves through the import routes. */
public final class Deliveries {

    public static final String DELIVERY = DeliveryFacts.DELIVERY;
    public static final String PLATFORM = DeliveryFacts.PLATFORM;
    public static final String STORE = "orderhubStore";
    /**
     * The mapping file a delivery is translated with, when it is not the platform's own: a {@code custom} store's
     * deliveries use {@code custom/<store_uid>}.
     */
    public static final String MAPPING = "orderhubMapping";
    /**
     * Set (only) by the operator's replay of a kept delivery, whose authenticity was checked when it first
     * arrived: the platform route then skips the signature check and the rate limit, nothing else.
     */
    public static final String REPLAY = "orderhubReplay";
    /**
     * Set, beside {@link #REPLAY}, on an order reconciliation pulled from the platform's API with the store's
     * credentials: its topic is {@link #RECONCILE_TOPIC}, which the platform routes accept as an order topic
     * for these deliveries only.
     */
    public static final String RECONCILE = "orderhubReconcile";
    public static final String RECONCILE_TOPIC = "reconcile";
    /**
     * What the platform sent, parsed, when the route had to read it to authenticate it (a store named in the body,
     * a JWT): the event or notification its topic, order id and hydration are read from.
     */
    public static final String RECEIVED = "orderhubReceived";

    private Deliveries() {
    }

    public static InboundDelivery delivery(Exchange exchange) {
        return exchange.getProperty(DELIVERY, InboundDelivery.class);
    }

    public static String platform(Exchange exchange) {
        return exchange.getProperty(PLATFORM, String.class);
    }

    /** The mapping to translate with: {@link #MAPPING} if a route set one, else the platform's. */
    public static String mapping(Exchange exchange) {
        String mapping = exchange.getProperty(MAPPING, String.class);
        return mapping == null ? platform(exchange) : mapping;
    }

    public static JsonNode received(Exchange exchange) {
        return exchange.getProperty(RECEIVED, JsonNode.class);
    }

    public static Store store(Exchange exchange) {
        return exchange.getProperty(STORE, Store.class);
    }

    public static boolean isReplay(Exchange exchange) {
        return exchange.getProperty(REPLAY, false, Boolean.class);
    }

    public static boolean isReconcile(Exchange exchange) {
        return isReplay(exchange) && exchange.getProperty(RECONCILE, false, Boolean.class);
    }
}
