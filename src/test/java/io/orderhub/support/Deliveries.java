package io.orderhub.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds deliveries the way platforms do, from a fixture, with a body changed and signed again. */
public final class Deliveries {

    private Deliveries() {
    }

    public static String hmacBase64(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's last delivery with another body, signed with the fixture store's secret. */
    public static Fixture.Delivery resigned(Fixture fixture, String body) {
        Map<String, String> headers = new LinkedHashMap<>(fixture.last().headers());
        String secret = fixture.store().get("webhook-secret").asText();
        String signature = hmacBase64(secret, body.getBytes(StandardCharsets.UTF_8));
        if (headers.containsKey("X-Shopify-Hmac-Sha256")) {
            headers.put("X-Shopify-Hmac-Sha256", signature);
        } else if (headers.containsKey("X-WC-Webhook-Signature")) {
            headers.put("X-WC-Webhook-Signature", signature);
        }
        return new Fixture.Delivery(headers, body);
    }

    /** The fixture's last body with some fields changed, re-serialised compactly and signed again. */
    public static Fixture.Delivery withFields(Fixture fixture, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) Fixture.JSON.readTree(fixture.last().rawBody());
            change.accept(body);
            return resigned(fixture, Fixture.JSON.writeValueAsString(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Fixture.Delivery withHeaders(Fixture.Delivery delivery, Map<String, String> changes) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        changes.forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        return new Fixture.Delivery(headers, delivery.rawBody());
    }
}
