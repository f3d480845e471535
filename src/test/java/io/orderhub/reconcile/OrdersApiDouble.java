package io.orderhub.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderhub.reconcile.Listing.Answer;
import io.orderhub.reconcile.Listing.Query;
import io.orderhub.reconcile.Listing.Request;
import io.orderhub.reconcile.Listing.Slice;
import io.orderhub.support.Fixture;

/**
 * The platforms' order APIs as one real HTTP server on loopback: each platform's listing ({@link Listings}) filters
 * the orders a test gives by update time, sorts them oldest change first and cuts pages by offset or by a cursor
 * that, as the platforms' cursors do, remembers the last order handed out; and what a thin platform's route
 * hydrates (the fixtures' {@code api_responses}, and each listed order's resources). Faults are scripted per page
 * (429s with {@code Retry-After}, 5xx, a 5xx for good), and an order can be changed while a run is under way.
 */
public final class OrdersApiDouble implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<JsonNode>> orders = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> fixtureResources = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pagesServed = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> afterPage = new ConcurrentHashMap<>();
    private final List<String> pageRequests = new CopyOnWriteArrayList<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private volatile long pageDelayMs;

    private OrdersApiDouble(HttpServer server) {
        this.server = server;
        Fixture.all().forEach(fixture -> fixtureResources.putAll(fixture.apiResponses()));
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

    /** The orders a platform's listing serves (it sorts them itself). */
    public void serve(String platform, List<JsonNode> list) {
        orders.put(platform, new CopyOnWriteArrayList<>(list));
    }

    /** Once page {@code page} of the platform's listing is answered, the order {@code id} changes at {@code at}. */
    void changeAfterPage(String platform, int page, String id, Instant at) {
        Listing listing = Listings.of(platform);
        afterPage.computeIfAbsent(platform + ":" + page, key -> new CopyOnWriteArrayList<>()).add(() ->
                orders.get(platform).replaceAll(order -> listing.id(order).equals(id) ? listing.changedAt(order, at) : order));
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

    /** {@code platform:page} of every listing request, failed ones included, in arrival order; pages count from 1 per reset. */
    List<String> pageRequests() {
        return List.copyOf(pageRequests);
    }

    /** What every listing request asked, in arrival order. */
    List<Query> queries() {
        return List.copyOf(queries);
    }

    List<String> credentials() {
        return List.copyOf(credentials);
    }

    void reset() {
        pageRequests.clear();
        queries.clear();
        credentials.clear();
        faults.clear();
        pagesServed.clear();
        afterPage.clear();
        pageDelayMs = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = request(exchange);
            Listing listing = Listings.all().stream().filter(l -> l.lists(request)).findFirst().orElse(null);
            if (listing != null) {
                credentials.add(String.valueOf(listing.credential(request)));
                listing(exchange, listing, request);
            } else {
                JsonNode resource = resource(request.path());
                send(exchange, resource == null ? new Answer(404, Map.of(), null) : Answer.ok(resource));
            }
        } finally {
            exchange.close();
        }
    }

    private void listing(HttpExchange exchange, Listing listing, Request request) throws IOException {
        String platform = listing.platform();
        int page = pagesServed.computeIfAbsent(platform, p -> new AtomicInteger()).get() + 1;
        pageRequests.add(platform + ":" + page);
        sleep(pageDelayMs);
        List<Integer> scripted = faults.get(platform + ":" + page);
        if (scripted != null && !scripted.isEmpty()) {
            int status = scripted.remove(0);
            send(exchange, new Answer(status, status == 429 ? Map.of("Retry-After", "1") : Map.of(), null));
            return;
        }
        Query query = listing.query(request);
        queries.add(query);
        Answer answer = listing.page(request, query, slice(listing, query));
        pagesServed.get(platform).incrementAndGet();
        afterPage.getOrDefault(platform + ":" + page, List.of()).forEach(Runnable::run);
        send(exchange, answer);
    }

    /** The orders matching the query, oldest change first (then by id), cut at its offset or cursor. */
    private Slice slice(Listing listing, Query query) {
        Comparator<JsonNode> byKey = Comparator.comparing(listing::updatedAt).thenComparing(o -> sortable(listing.id(o)));
        Instant from = query.from();
        Instant to = query.to();
        if (query.cursor() != null) {
            String[] cursor = new String(Base64.getUrlDecoder().decode(query.cursor()), StandardCharsets.UTF_8).split("\\|", 3);
            to = Instant.parse(cursor[0]);
            Instant afterAt = Instant.parse(cursor[1]);
            String afterId = cursor[2];
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode order : sorted(listing, byKey)) {
                int at = listing.updatedAt(order).compareTo(afterAt);
                if ((at > 0 || (at == 0 && sortable(listing.id(order)).compareTo(sortable(afterId)) > 0))
                        && !listing.updatedAt(order).isAfter(to)) {
                    matching.add(order);
                }
            }
            return cut(listing, matching, 0, query.limit(), to);
        }
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode order : sorted(listing, byKey)) {
            Instant updated = listing.updatedAt(order);
            boolean fromOk = from == null || (query.after() ? updated.isAfter(from) : !updated.isBefore(from));
            if (fromOk && (to == null || !updated.isAfter(to))) {
                matching.add(order);
            }
        }
        return cut(listing, matching, query.offset(), query.limit(), to);
    }

    private List<JsonNode> sorted(Listing listing, Comparator<JsonNode> byKey) {
        List<JsonNode> all = new ArrayList<>(orders.getOrDefault(listing.platform(), List.of()));
        all.sort(byKey);
        return all;
    }

    private static Slice cut(Listing listing, List<JsonNode> matching, int offset, int limit, Instant to) {
        List<JsonNode> page = new ArrayList<>(matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size())));
        String next = null;
        if (offset + limit < matching.size() && !page.isEmpty()) {
            JsonNode last = page.get(page.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((to + "|" + listing.updatedAt(last) + "|"
                    + listing.id(last)).getBytes(StandardCharsets.UTF_8));
        }
        return new Slice(page, next, matching.size());
    }

    private static String sortable(String id) {
        return id.matches("[0-9]+") ? "%020d".formatted(Long.parseLong(id)) : id;
    }

    /** A fixture's resource, or a listed order's, by path (the query string is not part of it). */
    private JsonNode resource(String path) {
        for (Listing listing : Listings.all()) {
            for (JsonNode order : orders.getOrDefault(listing.platform(), List.of())) {
                JsonNode resource = listing.resources(order).get(path);
                if (resource != null) {
                    return resource;
                }
            }
        }
        return fixtureResources.get(path);
    }

    private Request request(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()), headers,
                body.length == 0 ? null : Fixture.JSON.readTree(body), baseUrl());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body() == null ? new byte[0] : Fixture.JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
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
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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
