package io.orderhub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.platform.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends realistic, correctly signed webhooks from Shopify, WooCommerce and BigCommerce to this hub's own
 * {@code /import-orders} over HTTP, with some redeliveries, newer versions and forged signatures, so a
 * newcomer sees the dashboard come alive. BigCommerce's thin events are hydrated from {@link #bigCommerceOrder}.
 */
@Component
@Profile("demo")
public class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final String[] NAMES = {"Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Alan Turing",
        "Margaret Hamilton", "Dorothy Vaughan", "Edsger Dijkstra", "Barbara Liskov"};

    private final DemoProperties settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random();
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() / 1000 * 10);
    private final List<Sent> recent = new ArrayList<>();
    private final Map<String, JsonNode> bigCommerceOrders = new ConcurrentHashMap<>();
    private final JsonNode shopify;
    private final JsonNode woo;
    private final JsonNode bigCommerce;
    private volatile String importUrl;

    private record Sent(String platform, long id, Map<String, String> headers, byte[] body) {
    }

    public DemoTraffic(DemoProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.shopify = template("demo/shopify-order.json");
        this.woo = template("demo/woocommerce-order.json");
        this.bigCommerce = template("demo/bigcommerce-order.json");
    }

    @EventListener
    public void onStarted(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        importUrl = "http://127.0.0.1:" + port + "/import-orders";
        log.info("Demo traffic: {} signed webhooks a second to {} (dashboard token 'demo', admin key 'demo-admin-key')",
                settings.ratePerSecond(), importUrl);
    }

    /** One tick of the simulator: a new order, or now and then a redelivery, a newer version or a forgery. */
    public synchronized void sendOne() {
        if (importUrl == null) {
            return;
        }
        double dice = random.nextDouble();
        Sent delivery;
        if (!recent.isEmpty() && dice < settings.duplicateShare()) {
            delivery = recent.get(random.nextInt(recent.size()));
        } else if (!recent.isEmpty() && dice < settings.duplicateShare() + settings.updateShare()) {
            delivery = newerVersion(recent.get(random.nextInt(recent.size())));
        } else {
            delivery = newOrder();
        }
        if (random.nextDouble() < settings.badSignatureShare()) {
            delivery = forged(delivery);
        }
        post(delivery);
    }

    public JsonNode bigCommerceOrder(String id, String part) {
        JsonNode order = bigCommerceOrders.get(id);
        return order == null ? null : part == null ? order.get("order") : order.get(part);
    }

    private Sent newOrder() {
        long id = nextId.incrementAndGet();
        String customer = NAMES[random.nextInt(NAMES.length)];
        Sent sent = switch (random.nextInt(3)) {
            case 0 -> shopify(id, customer, Instant.now(), "orders/create");
            case 1 -> woo(id, customer, Instant.now(), "order.created");
            default -> bigCommerceEvent(id, customer, "store/order/created");
        };
        recent.add(sent);
        if (recent.size() > 50) {
            recent.remove(0);
        }
        return sent;
    }

    private Sent newerVersion(Sent earlier) {
        String customer = NAMES[random.nextInt(NAMES.length)];
        return switch (earlier.platform()) {
            case "shopify" -> shopify(earlier.id(), customer, Instant.now(), "orders/updated");
            case "woocommerce" -> woo(earlier.id(), customer, Instant.now(), "order.updated");
            default -> bigCommerceEvent(earlier.id(), customer, "store/order/updated");
        };
    }

    private Sent shopify(long id, String customer, Instant at, String topic) {
        ObjectNode order = shopify.deepCopy();
        order.put("id", id).put("name", "#" + (id % 100000)).put("order_number", id % 100000);
        String time = at.atOffset(ZoneOffset.ofHours(-5)).truncatedTo(ChronoUnit.SECONDS).toString();
        order.put("created_at", time).put("updated_at", time);
        ((ObjectNode) order.get("customer")).put("first_name", first(customer)).put("last_name", last(customer));
        byte[] body = bytes(order);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Shop-Domain", "demo-outfitters.myshopify.com");
        headers.put("X-Shopify-API-Version", "2025-10");
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Hmac-Sha256", sign(settings.shopifySecret(), body));
        return new Sent("shopify", id, headers, body);
    }

    private Sent woo(long id, String customer, Instant at, String topic) {
        ObjectNode order = woo.deepCopy();
        order.put("id", id).put("number", String.valueOf(id % 100000));
        String gmt = at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
        order.put("date_created_gmt", gmt).put("date_modified_gmt", gmt);
        ((ObjectNode) order.get("billing")).put("first_name", first(customer)).put("last_name", last(customer));
        byte[] body = bytes(order);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)");
        headers.put("X-WC-Webhook-Source", "https://" + settings.wooStore() + "/");
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString().replace("-", ""));
        headers.put("X-WC-Webhook-Signature", sign(settings.wooSecret(), body));
        return new Sent("woocommerce", id, headers, body);
    }

    private Sent bigCommerceEvent(long id, String customer, String scope) {
        ObjectNode hydrated = bigCommerce.deepCopy();
        ObjectNode order = (ObjectNode) hydrated.get("order");
        String rfc2822 = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        order.put("id", id).put("date_created", rfc2822).put("date_modified", rfc2822);
        ((ObjectNode) order.get("billing_address")).put("first_name", first(customer)).put("last_name", last(customer));
        bigCommerceOrders.put(String.valueOf(id), hydrated);
        ObjectNode event = json.createObjectNode().put("scope", scope).put("store_id", "1025646");
        event.putObject("data").put("type", "order").put("id", id);
        event.put("hash", UUID.randomUUID().toString().replace("-", "")).put("created_at", Instant.now().getEpochSecond())
                .put("producer", "stores/" + settings.bigCommerceStore());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-OrderHub-Webhook-Secret", settings.bigCommerceSecret());
        return new Sent("bigcommerce", id, headers, bytes(event));
    }

    private static Sent forged(Sent delivery) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        for (Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.endsWith("Hmac-Sha256") || name.endsWith("Signature") || name.endsWith("Webhook-Secret")) {
                header.setValue(Base64.getEncoder().encodeToString("forged".getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new Sent(delivery.platform(), delivery.id(), headers, delivery.body());
    }

    private void post(Sent delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(importUrl)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).exceptionally(e -> {
            log.debug("Demo webhook failed: {}", e.toString());
            return null;
        });
    }

    private String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Authenticator.hmacSha256(secret, body));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode template(String resource) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo template " + resource, e);
        }
    }

    private static String first(String name) {
        return name.substring(0, name.indexOf(' '));
    }

    private static String last(String name) {
        return name.substring(name.indexOf(' ') + 1);
    }
}
