package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One fixture file of src/test/resources/fixtures (see its README): a real-shaped delivery, or a sequence
 * of them, the store it belongs to, what the platform's API serves, and what the hub must answer and store.
 */
public record Fixture(String name, String platform, JsonNode store, List<Delivery> deliveries,
        Map<String, JsonNode> apiResponses, JsonNode expected) {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    public static final Path ROOT = Paths.get("src/test/resources/fixtures");

    /**
     * One delivery; in a sequence a step may change what the platform's API answers from then on
     * ({@code api_responses} of the step), so a thin platform's update hydrates to the new state.
     */
    public record Delivery(Map<String, String> headers, String rawBody, Map<String, JsonNode> apiResponses) {

        public Delivery(Map<String, String> headers, String rawBody) {
            this(headers, rawBody, Map.of());
        }
    }

    public static List<Fixture> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(Fixture::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Fixture> of(String platform) {
        return all().stream().filter(f -> f.platform().equals(platform)).toList();
    }

    public static Fixture named(String fileBaseName) {
        return all().stream().filter(f -> f.name().equals(fileBaseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No fixture " + fileBaseName));
    }

    static Fixture load(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            List<Delivery> deliveries = new ArrayList<>();
            if (node.has("sequence")) {
                node.get("sequence").forEach(step -> deliveries.add(new Delivery(headers(step.get("headers")),
                        step.get("raw_body").asText(), apiResponses(step))));
            } else {
                deliveries.add(new Delivery(headers(node.get("headers")), node.get("raw_body").asText()));
            }
            Map<String, JsonNode> api = apiResponses(node);
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return new Fixture(name, node.get("platform").asText(), node.get("store"), List.copyOf(deliveries),
                    api, node.get("expected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> apiResponses(JsonNode node) {
        Map<String, JsonNode> api = new LinkedHashMap<>();
        if (node.has("api_responses")) {
            node.get("api_responses").fields().forEachRemaining(e -> api.put(e.getKey(), e.getValue()));
        }
        return api;
    }

    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    public Delivery last() {
        return deliveries.get(deliveries.size() - 1);
    }

    public int expectedStatus() {
        return expected.get("http_status").asInt();
    }

    public String expectedOutcome() {
        return expected.path("status").asText(null);
    }

    public String storeUid() {
        return store.path("store_uid").asText(null);
    }

    @Override
    public String toString() {
        return platform + "/" + name;
    }
}
