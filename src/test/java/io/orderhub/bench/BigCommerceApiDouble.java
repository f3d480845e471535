package io.orderhub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.Fixture;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * BigCommerce's REST API on loopback for any order id: the fixture's order, products and shipping addresses
 * with the id put in. The support's PlatformApiDouble serves fixed paths only; a benchmark hydrates fresh ids.
 * Bodies are pre-serialised templates, so serving one costs a string replace.
 */
public final class BigCommerceApiDouble implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/stores/([^/]+)/v2/orders/(\\d+)(/products|/shipping_addresses)?");
    private static final String ID = "987654321987654321";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, String> templates;

    private BigCommerceApiDouble(HttpServer server, Map<String, String> templates) {
        this.server = server;
        this.templates = templates;
    }

    public static BigCommerceApiDouble start() {
        Fixture fixture = Workload.Platform.BIGCOMMERCE.fixture;
        String base = "/stores/" + fixture.storeUid() + "/v2/orders/101";
        try {
            Map<String, String> templates = Map.of(
                    "", template(fixture.apiResponses().get(base)),
                    "/products", template(fixture.apiResponses().get(base + "/products")),
                    "/shipping_addresses", template(fixture.apiResponses().get(base + "/shipping_addresses")));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            BigCommerceApiDouble api = new BigCommerceApiDouble(server, templates);
            server.createContext("/", api::handle);
            server.setExecutor(api.pool);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response with its order id (and every item's order_id) replaced by a marker number. */
    private static String template(JsonNode response) throws JsonProcessingException {
        JsonNode copy = response.deepCopy();
        if (copy.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("id", Long.parseLong(ID));
        } else {
            copy.forEach(item -> ((com.fasterxml.jackson.databind.node.ObjectNode) item).put("order_id", Long.parseLong(ID)));
        }
        return Fixture.JSON.writeValueAsString(copy);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        byte[] body = path.matches()
                ? templates.get(path.group(3) == null ? "" : path.group(3)).replace(ID, path.group(2)).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
