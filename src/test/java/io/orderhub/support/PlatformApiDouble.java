package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The REST APIs of every platform whose webhooks are thin (BigCommerce, Ecwid, …) as one real HTTP server on
 * loopback, serving every fixture's {@code api_responses} by path. A path answers only to its fixture store's
 * {@code access-token} (as {@code X-Auth-Token}, {@code Authorization: Bearer}, or the Basic user name). It can be told to fail (5xx)
 * so tests see the hub refuse with 503 rather than store half an order.
 */
public final class PlatformApiDouble implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, JsonNode> responses = new ConcurrentHashMap<>();
    /** The access token each served path expects. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;

    private PlatformApiDouble(HttpServer server) {
        this.server = server;
    }

    public static PlatformApiDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            PlatformApiDouble api = new PlatformApiDouble(server);
            for (Fixture fixture : Fixture.all()) {
                api.serve(fixture, fixture.apiResponses());
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

    /** What a fixture (or one step of its sequence) makes the API answer from now on. */
    public void serve(Fixture fixture, Map<String, JsonNode> pathsAndBodies) {
        String token = fixture.store() == null ? null : fixture.store().path("access-token").asText(null);
        pathsAndBodies.forEach((path, body) -> {
            responses.put(path, body);
            if (token != null) {
                tokens.put(path, token);
            }
        });
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
        if (failWith != 0) {
            status = failWith;
        } else if (tokens.containsKey(path) && !tokens.get(path).equals(token(exchange))) {
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

    private static String token(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length());
        }
        // PrestaShop's Webservice: the key is the Basic user name, the password is empty.
        if (authorization != null && authorization.startsWith("Basic ")) {
            String user = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length()).trim()),
                    StandardCharsets.UTF_8);
            return user.endsWith(":") ? user.substring(0, user.length() - 1) : user;
        }
        return exchange.getRequestHeaders().getFirst("X-Auth-Token");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
