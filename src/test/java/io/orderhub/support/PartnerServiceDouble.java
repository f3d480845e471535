package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Partner Service as a real HTTP server on loopback, for the import role's side of assignment. By
 * default it finds no partner (409); it can assign, fail with a status, answer slowly or hang until
 * released, and it records every assign and release it received, per order.
 */
public final class PartnerServiceDouble implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> partnerPerOrder = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> assignCalls = new ConcurrentHashMap<>();
    private final List<String> releases = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String partnerForAll;
    private volatile int failWith;
    private volatile long delayMillis;
    private volatile CountDownLatch hang;

    private PartnerServiceDouble(HttpServer server) {
        this.server = server;
    }

    public static PartnerServiceDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            PartnerServiceDouble service = new PartnerServiceDouble(server);
            server.createContext("/", service::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Back to the default: no partner fits, answered at once. */
    public void reset() {
        partnerForAll = null;
        failWith = 0;
        delayMillis = 0;
        unhang();
    }

    public void assignEveryOrderTo(String partnerId) {
        partnerForAll = partnerId;
    }

    public void assign(String orderId, String partnerId) {
        partnerPerOrder.put(orderId, partnerId);
    }

    public void failWith(int status) {
        failWith = status;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    public void hangUntilUnhung() {
        hang = new CountDownLatch(1);
    }

    public void unhang() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public int assignCalls(String orderId) {
        AtomicInteger calls = assignCalls.get(orderId);
        return calls == null ? 0 : calls.get();
    }

    public List<String> releases() {
        return List.copyOf(releases);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        JsonNode body = Fixture.JSON.readTree(exchange.getRequestBody().readAllBytes());
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (path.equals("/partners/assign")) {
            assignCalls.computeIfAbsent(body.path("id").asText(), id -> new AtomicInteger()).incrementAndGet();
        } else if (path.equals("/partners/assign-batch")) {
            body.path("orders").forEach(order -> assignCalls.computeIfAbsent(order.path("id").asText(),
                    id -> new AtomicInteger()).incrementAndGet());
        }
        CountDownLatch latch = hang;
        try {
            if (latch != null) {
                latch.await(60, TimeUnit.SECONDS);
            } else if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failWith != 0) {
            respond(exchange, failWith, "{\"title\":\"down\"}");
        } else if (path.equals("/partners/release")) {
            releases.add(body.path("order_id").asText());
            respond(exchange, 200, "{\"order_id\":\"" + body.path("order_id").asText() + "\"}");
        } else if (path.equals("/partners/assign-batch")) {
            List<String> answers = new ArrayList<>();
            body.path("orders").forEach(order -> {
                String orderId = order.path("id").asText();
                String partner = partnerPerOrder.getOrDefault(orderId, partnerForAll);
                answers.add(partner == null ? "{\"order_id\":\"" + orderId + "\",\"none_fits\":\"No active partner serves this address.\"}"
                        : "{\"order_id\":\"" + orderId + "\",\"partner_id\":\"" + partner + "\",\"reason\":\"test double\"}");
            });
            respond(exchange, 200, "{\"answers\":[" + String.join(",", answers) + "]}");
        } else if (path.equals("/partners/assign")) {
            String orderId = body.path("id").asText();
            String partner = query != null && query.startsWith("partner_id=") ? query.substring("partner_id=".length())
                    : partnerPerOrder.getOrDefault(orderId, partnerForAll);
            if (partner == null) {
                respond(exchange, 409, "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"No active partner serves this address.\"}");
            } else {
                respond(exchange, 200, "{\"partner_id\":\"" + partner + "\",\"reason\":\"test double\"}");
            }
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        unhang();
        server.stop(0);
    }
}
