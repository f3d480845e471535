package io.orderhub.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderhub.support.Fixture;

/**
 * The order-listing APIs of Shopify, WooCommerce and BigCommerce (and BigCommerce's order, products and
 * shipping addresses for hydration) as one real HTTP server on loopback. Pages are cut from the orders a
 * test gives, in each platform's own pagination; faults can be scripted per page: a number of 429s with
 * {@code Retry-After}, of 5xx, or a 5xx for good.
 */
public final class OrdersApiDouble implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<JsonNode>> orders = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> resources = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> faults = new ConcurrentHashMap<>();
    private final List<String> pageRequests = new CopyOnWriteArrayList<>();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private volatile long pageDelayMs;

    private OrdersApiDouble(HttpServer server) {
        this.server = server;
    }

    public static OrdersApiDouble start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OrdersApiDouble api = new OrdersApiDouble(server);
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

    /** The orders a platform's listing serves, in this order (oldest change first). */
    public void serve(String platform, List<JsonNode> list) {
        orders.put(platform, List.copyOf(list));
    }

    /** A resource served at a path (BigCommerce hydration). */
    void serveResource(String path, JsonNode body) {
        resources.put(path, body);
    }

    /** The next requests of a platform's page answer these statuses, in order (429 comes with Retry-After: 1). */
    void fail(String platform, int page, Integer... statuses) {
        faults.put(platform + ":" + page, new CopyOnWriteArrayList<>(List.of(statuses)));
    }

    /** Every request of the page answers this status until {@link #heal()}. */
    void failForGood(String platform, int page, int status) {
        List<Integer> always = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 1000; i++) {
            always.add(status);
        }
        faults.put(platform + ":" + page, always);
    }

    void heal() {
        faults.clear();
    }

    void slowPages(long millis) {
        pageDelayMs = millis;
    }

    /** {@code platform:page} of every listing request, failed ones included, in arrival order. */
    List<String> pageRequests() {
        return List.copyOf(pageRequests);
    }

    List<String> credentials() {
        return List.copyOf(credentials);
    }

    void reset() {
        pageRequests.clear();
        credentials.clear();
        faults.clear();
        pageDelayMs = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            if (path.matches("/admin/api/[^/]+/orders\\.json")) {
                credentials.add(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
                int page = Integer.parseInt(query.getOrDefault("page_info", "1"));
                int limit = Integer.parseInt(query.get("limit"));
                listing(exchange, "shopify", page, limit, (pageCount, headers) -> {
                    headers.put("X-Shopify-Shop-Api-Call-Limit", "1/40");
                    if (page < pageCount) {
                        headers.put("Link", "<" + baseUrl() + path + "?limit=" + limit + "&page_info=" + (page + 1)
                                + ">; rel=\"next\"");
                    }
                }, body -> Fixture.JSON.createObjectNode().set("orders", body));
            } else if (path.equals("/wp-json/wc/v3/orders")) {
                credentials.add(exchange.getRequestHeaders().getFirst("Authorization"));
                int page = Integer.parseInt(query.get("page"));
                listing(exchange, "woocommerce", page, Integer.parseInt(query.get("per_page")),
                        (pageCount, headers) -> headers.put("X-WP-TotalPages", String.valueOf(pageCount)), body -> body);
            } else if (path.matches("/stores/[^/]+/v2/orders")) {
                credentials.add(exchange.getRequestHeaders().getFirst("X-Auth-Token"));
                listing(exchange, "bigcommerce", Integer.parseInt(query.get("page")), Integer.parseInt(query.get("limit")),
                        (pageCount, headers) -> { }, body -> body);
            } else if (resources.containsKey(path)) {
                send(exchange, 200, Map.of(), resources.get(path));
            } else {
                send(exchange, 404, Map.of(), null);
            }
        } finally {
            exchange.close();
        }
    }

    private interface PageHeaders {
        void add(int pageCount, Map<String, String> headers);
    }

    private void listing(HttpExchange exchange, String platform, int page, int limit, PageHeaders pageHeaders,
            UnaryOperator<JsonNode> wrap) throws IOException {
        pageRequests.add(platform + ":" + page);
        sleep(pageDelayMs);
        List<Integer> scripted = faults.get(platform + ":" + page);
        if (scripted != null && !scripted.isEmpty()) {
            int status = scripted.remove(0);
            send(exchange, status, status == 429 ? Map.of("Retry-After", "1") : Map.of(), null);
            return;
        }
        List<JsonNode> all = orders.getOrDefault(platform, List.of());
        int pageCount = Math.max(1, (all.size() + limit - 1) / limit);
        List<JsonNode> slice = new ArrayList<>(all.subList(Math.min(all.size(), (page - 1) * limit),
                Math.min(all.size(), page * limit)));
        if (slice.isEmpty() && platform.equals("bigcommerce")) {
            send(exchange, 204, Map.of(), null);
            return;
        }
        Map<String, String> headers = new HashMap<>();
        pageHeaders.add(pageCount, headers);
        send(exchange, 200, headers, wrap.apply(Fixture.JSON.valueToTree(slice)));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, JsonNode body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : Fixture.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
