package io.orderhub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.DeliveryFacts;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;

/**
 * What the import path knows of one delivery, in one exchange property ({@link Deliveries#CONTEXT}) instead of one
 * property per fact. Immutable: a stage that learns something replaces the record, so a copy of the exchange (a
 * wire tap, a retry) never sees what was learned after it was taken.
 *
 * @param delivery       the delivery as received (raw bytes and headers)
 * @param platform       the platform's name, once known
 * @param store          the authenticated store (for a replay: the configured store, or null when it is gone)
 * @param mapping        the mapping file to translate with when it is not the platform's own (a {@code custom} store's)
 * @param replay         a kept delivery replayed by the operator, the queue or reconciliation: its authenticity was
 *                       checked when it first arrived, so the signature check and the rate limit are skipped
 * @param reconcile      (with {@code replay}) an order pulled from the platform's API, whose topic is
 *                       {@link Deliveries#RECONCILE_TOPIC}
 * @param received       what the platform sent, parsed, when the route had to read it to authenticate it
 * @param topic          the topic a route read while authenticating (Wix: inside its JWT); null when it is in a
 *                       header or a field
 * @param parsedBody     the body as JSON, parsed once for the identity check and the envelope
 * @param idempotencyKey the translated order's key, for the idempotent consumer and the import queue
 */
public record ImportContext(InboundDelivery delivery, String platform, Store store, String mapping, boolean replay,
        boolean reconcile, JsonNode received, String topic, JsonNode parsedBody, String idempotencyKey)
        implements DeliveryFacts {

    /** A delivery the gateway has just received: nothing else known yet. */
    public static ImportContext received(InboundDelivery delivery) {
        return new ImportContext(delivery, null, null, null, false, false, null, null, null, null);
    }

    /** A kept delivery entering its platform route again, as a webhook would after the gateway. */
    public static ImportContext replayed(ReplayedDelivery replayed) {
        return new ImportContext(replayed.delivery(), replayed.platform(), replayed.store(), null, true,
                replayed.reconcile(), null, null, null, null);
    }

    public ImportContext withPlatform(String platform) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withStore(Store store) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withMapping(String mapping) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withReceived(JsonNode received) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withTopic(String topic) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withParsedBody(JsonNode parsedBody) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }

    public ImportContext withIdempotencyKey(String idempotencyKey) {
        return new ImportContext(delivery, platform, store, mapping, replay, reconcile, received, topic, parsedBody, idempotencyKey);
    }
}
