package io.orderhub.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the shared fixtures and builds delivery envelopes from them the way the pipeline does:
 * header names lower-cased, BigCommerce hydrated from the fixture's {@code api_responses}.
 */
final class MappingFixtures {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static final String RECEIVED_AT = "2026-11-25T08:00:00.123Z";

    /** The platforms of the shared fixtures, whose envelopes this class builds. */
    static final Set<String> PLATFORMS = Set.of("shopify", "woocommerce", "bigcommerce");

    private MappingFixtures() {
    }

    static JsonNode read(String classpathResource) {
        try (InputStream in = MappingFixtures.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + classpathResource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform order of a fixture's (top-level) delivery, parsed, as a mutable copy. */
    static ObjectNode order(String fixture) {
        JsonNode file = read("/fixtures/" + fixture);
        String platform = file.get("platform").asText();
        if (!platform.equals("bigcommerce")) {
            return (ObjectNode) parse(file.get("raw_body").asText());
        }
        return (ObjectNode) hydration(fixture, "");
    }

    /** A BigCommerce fixture's hydration response ({@code ""}, {@code "/products"}, {@code "/shipping_addresses"}), as a mutable copy. */
    static JsonNode hydration(String fixture, String suffix) {
        JsonNode file = read("/fixtures/" + fixture);
        return apiResponse(file, parse(file.get("raw_body").asText()), suffix).deepCopy();
    }

    /** Builds the envelope for one delivery ({@code headers} + {@code raw_body}) of a fixture. */
    static ObjectNode envelope(JsonNode fixture, JsonNode delivery) {
        String platform = fixture.get("platform").asText();
        ObjectNode headers = lowerCased(delivery.get("headers"));
        JsonNode body = parse(delivery.get("raw_body").asText());
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode meta = envelope.putObject("meta");
        meta.put("platform", platform);
        meta.put("store_uid", storeUid(platform, headers, body));
        meta.put("received_at", RECEIVED_AT);
        meta.set("headers", headers);
        if (platform.equals("bigcommerce")) {
            envelope.set("order", apiResponse(fixture, body, ""));
            envelope.set("event", body);
            envelope.set("products", apiResponse(fixture, body, "/products"));
            envelope.set("shipping_addresses", apiResponse(fixture, body, "/shipping_addresses"));
        } else {
            envelope.set("order", body);
        }
        return envelope;
    }

    /** An envelope around a hand-made order, with the headers a real delivery of that platform has. */
    static ObjectNode envelope(String platform, String storeUid, Map<String, String> headers, JsonNode order) {
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode meta = envelope.putObject("meta");
        meta.put("platform", platform);
        meta.put("store_uid", storeUid);
        meta.put("received_at", RECEIVED_AT);
        ObjectNode headerNode = meta.putObject("headers");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(Locale.ROOT), value));
        envelope.set("order", order);
        return envelope;
    }

    static ObjectNode shopifyEnvelope(JsonNode order) {
        return envelope("shopify", "acme-outfitters.myshopify.com", Map.of(
                "X-Shopify-Topic", "orders/updated",
                "X-Shopify-Shop-Domain", "acme-outfitters.myshopify.com",
                "X-Shopify-API-Version", "2025-10",
                "X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
                "X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5"), order);
    }

    static ObjectNode wooEnvelope(JsonNode order) {
        return envelope("woocommerce", "shop.example.com", Map.of(
                "X-WC-Webhook-Source", "https://shop.example.com/",
                "X-WC-Webhook-Topic", "order.updated",
                "X-WC-Webhook-Delivery-ID", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"), order);
    }

    static ObjectNode bigCommerceEnvelope(JsonNode order, JsonNode products, JsonNode shippingAddresses) {
        ObjectNode envelope = envelope("bigcommerce", "abc123def", Map.of("X-OrderHub-Webhook-Secret", "s"), order);
        ObjectNode event = envelope.putObject("event");
        event.put("scope", "store/order/statusUpdated");
        event.put("store_id", "1027639");
        event.putObject("data").put("type", "order").set("id", order.get("id"));
        event.put("hash", "f0e1d2c3b4a5968778695a4b3c2d1e0f01234567");
        event.put("producer", "stores/abc123def");
        envelope.set("products", products);
        envelope.set("shipping_addresses", shippingAddresses);
        return envelope;
    }

    /** The store uid the gateway derives from the delivery (MAPPING.md "store_uid"). */
    static String storeUid(String platform, JsonNode headers, JsonNode body) {
        return switch (platform) {
            case "shopify" -> headers.path("x-shopify-shop-domain").asText().toLowerCase(Locale.ROOT);
            case "woocommerce" -> normalisedSource(headers.path("x-wc-webhook-source").asText());
            case "bigcommerce" -> body.path("producer").asText().replaceFirst("^stores/", "");
            default -> throw new IllegalArgumentException(platform);
        };
    }

    /** {@code https://Example.com/shop/} → {@code example.com/shop}. */
    static String normalisedSource(String source) {
        String uid = source.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        while (uid.endsWith("/")) {
            uid = uid.substring(0, uid.length() - 1);
        }
        return uid.toLowerCase(Locale.ROOT);
    }

    private static JsonNode apiResponse(JsonNode fixture, JsonNode event, String suffix) {
        String hash = event.path("producer").asText().replaceFirst("^stores/", "");
        String path = "/stores/" + hash + "/v2/orders/" + event.path("data").path("id").asText() + suffix;
        JsonNode response = fixture.path("api_responses").get(path);
        if (response == null) {
            throw new IllegalArgumentException("fixture has no api_responses entry " + path);
        }
        return response;
    }

    private static ObjectNode lowerCased(JsonNode headers) {
        ObjectNode lower = JSON.createObjectNode();
        headers.properties().forEach(header -> lower.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
        return lower;
    }
}
