package io.orderhub.platform;

import java.util.Set;

/**
 * What a platform's deliveries look like to the shared route shape, as data: its name, where its order id sits and
 * what shape it has, where its topic is and which topics carry an order, the header that recognises it, and how a
 * thin event is hydrated. Built with {@link #of} and the {@code with…} steps, one constant per platform route.
 *
 * @param platform      lower-case name, as in the mapping file, the idempotency key and {@code X-OrderHub-Platform}
 * @param orderIdentity where the order id sits in what was received and what shape it has
 * @param orderTopics   the topics that carry an order
 * @param topicHeader   the header the topic is sent in; null when it is only in the body
 * @param topicField    JSON pointer to the topic in what was received, when the header is absent; null for none
 * @param recognisedBy  a header only this platform sends; null when it is recognised otherwise (or never)
 * @param readsBody     whether recognising the platform reads the body (the router asks such platforms last)
 * @param hydration     how a thin event becomes a whole order; null when the platform sends the whole order
 * @param signature     the common scheme, when the platform uses it: the store named in a header, a base64
 *                      HMAC-SHA256 of the raw body in another; null when the route authenticates by itself
 * @param storeMappings whether each store brings its own mapping file, {@code <platform>/<store_uid>}
 */
public record PlatformShape(String platform, OrderIdentity orderIdentity, Set<String> orderTopics, String topicHeader,
        String topicField, String recognisedBy, boolean readsBody, Hydration hydration, HeaderSignature signature,
        boolean storeMappings) {

    /** The store is named in {@code storeHeader}; {@code signatureHeader} holds base64(HMAC-SHA256(secret, body)). */
    public record HeaderSignature(String storeHeader, String signatureHeader) {
    }

    public static PlatformShape of(String platform, OrderIdentity orderIdentity) {
        return new PlatformShape(platform, orderIdentity, Set.of(), null, null, null, false, null, null, false);
    }

    /** The topic is in {@code header}, else at {@code field} of what was received; {@code topics} carry an order. */
    public PlatformShape withTopics(String header, String field, String... topics) {
        return new PlatformShape(platform, orderIdentity, Set.of(topics), header, field, recognisedBy, readsBody, hydration, signature, storeMappings);
    }

    public PlatformShape withRecognisingHeader(String header) {
        return new PlatformShape(platform, orderIdentity, orderTopics, topicHeader, topicField, header, readsBody, hydration, signature, storeMappings);
    }

    public PlatformShape withBodyRead() {
        return new PlatformShape(platform, orderIdentity, orderTopics, topicHeader, topicField, recognisedBy, true, hydration, signature, storeMappings);
    }

    public PlatformShape withHydration(Hydration thin) {
        return new PlatformShape(platform, orderIdentity, orderTopics, topicHeader, topicField, recognisedBy, readsBody, thin, signature, storeMappings);
    }

    public PlatformShape withSignature(String storeHeader, String signatureHeader) {
        return new PlatformShape(platform, orderIdentity, orderTopics, topicHeader, topicField, recognisedBy, readsBody,
                hydration, new HeaderSignature(storeHeader, signatureHeader), storeMappings);
    }

    public PlatformShape withStoreMappings() {
        return new PlatformShape(platform, orderIdentity, orderTopics, topicHeader, topicField, recognisedBy, readsBody,
                hydration, signature, true);
    }
}
