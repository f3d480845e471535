package io.orderhub.platform;

import io.orderhub.gateway.InboundDelivery;

/**
 * A platform the hub takes deliveries from. Each platform's translator route implements it, so the
 * gateway's content-based router learns about a new platform without being edited.
 */
public interface PlatformRecognizer {

    /** The platform's name: lower case, as in the idempotency key and {@code X-OrderHub-Platform}. */
    String platform();

    /** Whether a delivery that does not name its platform comes from this one (MAPPING.md, platform detection). */
    boolean recognises(InboundDelivery delivery);

    /**
     * Whether {@link #recognises} reads the body rather than only headers. The router asks such platforms
     * last, so a delivery that a header already identifies is never parsed just to be told apart.
     */
    default boolean readsBody() {
        return false;
    }

    /** The endpoint of the platform's translator route. */
    default String endpointUri() {
        return "direct:platform-" + platform();
    }
}
