package io.orderhub.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.problem.Problems;
import io.orderhub.translate.OrderTranslator;
import io.orderhub.translate.OrderTranslator.MappedOrder;
import io.orderhub.translate.PayloadJson;
import org.springframework.stereotype.Component;

/**
 * {@code POST /admin/mappings/{platform}/preview}: runs the platform's mapping file, as loaded now, on a pasted
 * payload and shows the universal order or why there is none. Nothing is stored, nothing is authenticated
 * against a store, no platform API is called.
 *
 * <p>The body is either the platform's own order JSON (what its webhook sends, or for thin platforms what
 * its API answers), wrapped here in an envelope for store {@code ?store_uid=} (default {@code preview}); or a
 * whole envelope {@code {"meta":{…},"order":{…},…}} as the mapping file reads it, for mappings that read
 * headers or hydrated parts. A {@code custom} store's mapping is chosen with {@code ?store_uid=}.
 */
@Component
public record MappingPreviews(OrderMapper mapper, OrderTranslator translator, PayloadJson json, Clock clock) {

    static final String DEFAULT_STORE = "preview";

    /** HTTP status (200 or 422) and body ({@code order}, or {@code errors} and the order as far as it got). */
    public Preview preview(String platform, String storeUid, byte[] body) {
        String mapping = mappingName(platform, storeUid);
        if (!mapper.platforms().contains(mapping)) {
            throw new Problems.NotFound("There is no mapping '" + mapping + "'; loaded: " + mapper.platforms() + ".");
        }
        JsonNode payload = json.parse(body == null ? new byte[0] : body, "preview");
        ObjectNode envelope = isEnvelope(payload) ? (ObjectNode) payload : envelope(platform, storeUid, payload);
        Map<String, Object> answer = new LinkedHashMap<>();
        MappedOrder mapped;
        try {
            mapped = translator.map(mapping, envelope);
        } catch (UnmappableOrderException e) {
            answer.put("errors", List.of(e.reason()));
            return new Preview(422, answer);
        }
        if (!mapped.problems().isEmpty()) {
            answer.put("errors", mapped.problems());
        }
        answer.put("order", mapped.order());
        return new Preview(mapped.problems().isEmpty() ? 200 : 422, answer);
    }

    private static String mappingName(String platform, String storeUid) {
        if (!"custom".equals(platform)) {
            return platform;
        }
        if (storeUid == null || storeUid.isBlank()) {
            throw new Problems.BadRequest("A custom store's mapping is previewed with ?store_uid=<store_uid>.");
        }
        return OrderMapper.CUSTOM_PREFIX + storeUid.trim();
    }

    private static boolean isEnvelope(JsonNode payload) {
        return payload.path("meta").isObject() && payload.has("order");
    }

    private ObjectNode envelope(String platform, String storeUid, JsonNode order) {
        ObjectNode envelope = json.mapper().createObjectNode();
        ObjectNode meta = envelope.putObject("meta");
        meta.put("platform", platform);
        meta.put("store_uid", storeUid == null || storeUid.isBlank() ? DEFAULT_STORE : storeUid.trim());
        meta.put("received_at", Instant.now(clock).toString());
        meta.putObject("headers");
        envelope.set("order", order);
        return envelope;
    }

    public record Preview(int status, Map<String, Object> body) {
    }
}
