package io.orderhub.order;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.orderhub.gateway.ImportAnswer;

/** The hub's answer to one delivery (CONTRACT.md, POST /import-orders). */
public record ImportResult(int httpStatus, String status, String orderId, String idempotencyKey, Instant processedAt,
        String reason, String deadLetterId) implements ImportAnswer {

    public static ImportResult created(String orderId, String key, Instant processedAt) {
        return new ImportResult(201, "created", orderId, key, processedAt, null, null);
    }

    public static ImportResult duplicate(String orderId, String key, Instant processedAt) {
        return new ImportResult(200, "duplicate", orderId, key, processedAt, null, null);
    }

    public static ImportResult updated(String orderId, String key, Instant processedAt) {
        return new ImportResult(200, "updated", orderId, key, processedAt, null, null);
    }

    public static ImportResult stale(String orderId, String key, Instant processedAt) {
        return new ImportResult(200, "stale", orderId, key, processedAt, null, null);
    }

    public static ImportResult ignored(String reason) {
        return new ImportResult(200, "ignored", null, null, null, reason, null);
    }

    public static ImportResult deadLettered(String deadLetterId, String reason) {
        return new ImportResult(202, "dead_lettered", null, null, null, reason, deadLetterId);
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        putIfPresent(body, "order_id", orderId);
        putIfPresent(body, "idempotency_key", idempotencyKey);
        putIfPresent(body, "processed_at", processedAt == null ? null : processedAt.toString());
        putIfPresent(body, "dead_letter_id", deadLetterId);
        putIfPresent(body, "reason", reason);
        return body;
    }

    private static void putIfPresent(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
