package io.orderhub.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.idempotency.OrderIdempotentRepository;

/**
 * A mapped and validated universal order on its way to the store, with what the idempotent consumer and
 * the version rules need: its key, a digest of its content (everything but id, source and delivery) and
 * its {@code updated_at} as epoch milliseconds (null when the platform gives none).
 */
public record PreparedOrder(String idempotencyKey, ObjectNode order, String digest, Long updatedAtMillis,
        InboundDelivery delivery) implements OrderIdempotentRepository.Digested {
}
