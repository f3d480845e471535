package io.orderhub.queue;

import java.util.LinkedHashMap;
import java.util.Map;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.ops.ImportMetrics;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.StoreRegistry.Store;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway's answer when the store fails: an authenticated delivery is kept in the import queue and
 * answered 202 {@code {"status":"queued","idempotency_key":…,"queue_id":…}}; when the queue cannot keep it
 * durably either, 503 with {@code Retry-After}, so the platform retries. Nothing is acknowledged that is not durable.
 * Refusals are counted where they are answered (rejected, 503); a queued delivery is counted here.
 */
@Component
@ConditionalOnRole("import")
public record DeliveryQueueing(ImportQueue queue, HttpResponses responses, ImportMetrics metrics) {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueueing.class);

    public void queueOrRefuse(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        Store store = Deliveries.store(exchange);
        if (delivery == null || store == null || Deliveries.isReplay(exchange)) {
            responses.storeUnavailable(exchange);
            return;
        }
        String key = Deliveries.idempotencyKey(exchange);
        String queueId;
        try {
            queueId = queue.append(QueuedDelivery.of(Deliveries.platform(exchange), store.storeUid(), key, delivery));
        } catch (RuntimeException e) {
            log.error("The store is unavailable and the import queue cannot keep the delivery {}: {}", key, e.toString());
            responses.storeUnavailable(exchange);
            return;
        }
        log.warn("Store unavailable; queued {} as {}", key, queueId);
        metrics.answered(Deliveries.platform(exchange), "queued", null, delivery.receivedAt());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "queued");
        if (key != null) {
            body.put("idempotency_key", key);
        }
        body.put("queue_id", queueId);
        responses.json(exchange, 202, body);
    }
}
