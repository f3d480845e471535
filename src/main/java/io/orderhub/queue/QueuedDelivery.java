package io.orderhub.queue;

import java.time.Instant;
import java.util.Map;

import io.orderhub.gateway.InboundDelivery;

/**
 * A delivery that passed its signature and mapping but could not be stored: everything needed to finish
 * its import later through the same idempotent path, the raw delivery exactly as received included.
 * {@code queueId} is given by the queue that holds it.
 */
public record QueuedDelivery(String queueId, String platform, String storeUid, String idempotencyKey,
        String receivedAt, String contentType, Map<String, String> headers, byte[] body) {

    public static QueuedDelivery of(String platform, String storeUid, String idempotencyKey, InboundDelivery delivery) {
        return new QueuedDelivery(null, platform, storeUid, idempotencyKey, delivery.receivedAt().toString(),
                delivery.contentType(), delivery.headers(), delivery.rawBody());
    }

    public QueuedDelivery withQueueId(String id) {
        return new QueuedDelivery(id, platform, storeUid, idempotencyKey, receivedAt, contentType, headers, body);
    }

    public InboundDelivery inboundDelivery() {
        return new InboundDelivery(Instant.parse(receivedAt), contentType, Map.copyOf(headers), body, null);
    }
}
