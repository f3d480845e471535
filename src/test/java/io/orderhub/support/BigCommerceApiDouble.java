package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * BigCommerce's V2 API as a real HTTP server on loopback, serving the fixtures' {@code api_responses}.
 * It can be told to fail (5xx) so tests see the hub refuse with 503 rather than store half an order.
 */
public final class BigCommerceApiDouble implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, JsonNode> responses = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;

    private BigCommerceApiDouble(HttpServer server) {
        this.server = server;
    }

    public static BigCommerceApiDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            BigCommerceApiDouble api = new BigCommerceApiDouble(server);
            for (Fixture fixture : Fixture.of("bigcommerce")) {
                api.responses.putAll(fixture.apiResponses());
                if (fixture.store().hasNonNull("store_uid") && fixture.store().hasNonNull("access-token")) {
                    api.tokens.put(fixture.store().get("store_uid").asText(), fixture.store().get("access-token").asText());
                }
            }
            server.createContext("/", api::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void serve(String path, JsonNode body) {
        responses.put(path, body);
    }

    /** 0 serves normally; an HTTP status makes every request fail with it. */
    public void failWith(int status) {
        this.failWith = status;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        int status;
        byte[] body = new byte[0];
        String store = path.startsWith("/stores/") ? path.split("/")[2] : "";
        String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        if (failWith != 0) {
            status = failWith;
        } else if (tokens.containsKey(store) && !tokens.get(store).equals(token)) {
            status = 401;
        } else if (responses.containsKey(path)) {
            status = 200;
            body = Fixture.JSON.writeValueAsString(responses.get(path)).getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
