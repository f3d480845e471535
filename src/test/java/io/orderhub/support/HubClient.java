package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Talks to a running hub over real HTTP, the way a platform and an operator do. */
public final class HubClient {

    /** Headers the JDK client sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HubClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HubClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer post(Fixture.Delivery delivery) {
        return post("/import-orders", delivery.headers(), delivery.rawBody().getBytes(StandardCharsets.UTF_8));
    }

    public Answer post(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        return send(request.build());
    }

    /** An operator call with the test profile's admin key. */
    public Answer admin(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer test-admin-key")
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Any method, with a JSON body (or none) and the given headers, e.g. an operator's Authorization. */
    public Answer request(String method, String path, Map<String, String> headers, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    public record Answer(int status, String contentType, String retryAfter, String body) {

        public JsonNode json() {
            try {
                return Fixture.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String field(String name) {
            return json().path(name).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
