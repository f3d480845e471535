package io.orderhub.gateway;

/**
 * The exchange properties the gateway sets on receipt and reads again when it answers (to count the answer by
 * platform and by time since receipt). The stages after it know them as {@code platform.Deliveries}; they are
 * named here so the gateway needs nothing of the stages it calls.
 */
public final class DeliveryFacts {

    /** The {@link InboundDelivery}. */
    public static final String DELIVERY = "orderhubDelivery";
    /** The platform's name, once known. */
    public static final String PLATFORM = "orderhubPlatform";

    private DeliveryFacts() {
    }
}
