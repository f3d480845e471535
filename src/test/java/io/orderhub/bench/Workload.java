package io.orderhub.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/**
 * The deliveries a run sends, generated from the fixtures and signed before any clock starts: distinct orders
 * from Shopify, WooCommerce and BigCommerce in turn, about 5 % exact redeliveries of an earlier order and about
 * 10 % updates (a newer version of an earlier Shopify or WooCommerce order). A follow-up refers to an order sent
 * at least {@link #lag} requests before it and each order gets at most one follow-up, so the answer it must get
 * is known in advance (duplicate, updated) whatever the concurrency.
 */
public final class Workload {

    /** The least distance of a follow-up from its order: the run's connections several times over. */
    public static int lag(int connections) {
        return Math.max(16, 8 * connections);
    }
    static final double REDELIVERIES = 0.05;
    static final double UPDATES = 0.10;

    public enum Kind { NEW, REDELIVERY, UPDATE }

    /** One request: its kind, the order's identity, what it refers to (-1 for a new order), its headers and body. */
    public record Request(Kind kind, Platform platform, long orderId, int refersTo, Map<String, String> headers, byte[] body) {

        public String key() {
            return platform.name + "_" + orderId;
        }
    }

    /** A platform of the mix: its fixture and how a new order and a newer version of it are made. */
    public enum Platform {
        SHOPIFY("shopify", "s01_orders_create_paid_two_items"),
        WOOCOMMERCE("woocommerce", "w01_order_created_processing"),
        BIGCOMMERCE("bigcommerce", "b01_order_created_hydrated");

        final String name;
        final Fixture fixture;
        final ObjectNode template;
        private final ThreadLocal<Mac> mac;

        Platform(String name, String fixture) {
            this.name = name;
            this.fixture = Fixture.named(fixture);
            try {
                this.template = (ObjectNode) Fixture.JSON.readTree(this.fixture.last().rawBody());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            byte[] secret = this.fixture.store().get("webhook-secret").asText().getBytes(StandardCharsets.UTF_8);
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac hmac = Mac.getInstance("HmacSHA256");
                    hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
                    return hmac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** The signature Shopify and WooCommerce send: base64 HMAC-SHA256 of the raw body with the store's secret. */
        String sign(byte[] body) {
            return Base64.getEncoder().encodeToString(mac.get().doFinal(body));
        }

        String storeUid() {
            return fixture.storeUid();
        }
    }

    private final List<Request> requests;

    private Workload(List<Request> requests) {
        this.requests = requests;
    }

    int size() {
        return requests.size();
    }

    Request get(int index) {
        return requests.get(index);
    }

    public List<Request> requests() {
        return requests;
    }

    /** {@code count} requests with order ids from {@code firstOrderId} on, the same for the same seed. */
    public static Workload generate(int count, long firstOrderId, long seed, int lag) {
        SplittableRandom random = new SplittableRandom(seed);
        // First the plan (cheap, sequential), then the bodies and signatures (the cost) on every core.
        Kind[] kinds = new Kind[count];
        Platform[] platforms = new Platform[count];
        long[] ids = new long[count];
        int[] refs = new int[count];
        List<Integer> updatable = new ArrayList<>();
        List<Integer> hydrated = new ArrayList<>();
        int eligibleUpTo = 0;
        long nextId = firstOrderId;
        int newOrders = 0;
        for (int i = 0; i < count; i++) {
            for (; eligibleUpTo <= i - lag; eligibleUpTo++) {
                if (kinds[eligibleUpTo] == Kind.NEW) {
                    (platforms[eligibleUpTo] == Platform.BIGCOMMERCE ? hydrated : updatable).add(eligibleUpTo);
                }
            }
            double dice = random.nextDouble();
            int ref = -1;
            Kind kind = Kind.NEW;
            if (dice < REDELIVERIES) {
                List<Integer> from = random.nextInt(3) == 0 && !hydrated.isEmpty() ? hydrated : updatable;
                ref = take(from, random);
                kind = Kind.REDELIVERY;
            } else if (dice < REDELIVERIES + UPDATES) {
                ref = take(updatable, random);
                kind = Kind.UPDATE;
            }
            if (ref < 0) {
                kind = Kind.NEW;
                platforms[i] = Platform.values()[newOrders++ % 3];
                ids[i] = nextId++;
            } else {
                platforms[i] = platforms[ref];
                ids[i] = ids[ref];
            }
            kinds[i] = kind;
            refs[i] = ref;
        }
        Request[] made = new Request[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            if (kinds[i] != Kind.REDELIVERY) {
                made[i] = make(kinds[i], platforms[i], ids[i], refs[i]);
            }
        });
        for (int i = 0; i < count; i++) {
            if (kinds[i] == Kind.REDELIVERY) {
                Request original = made[refs[i]];
                made[i] = new Request(Kind.REDELIVERY, original.platform(), original.orderId(), refs[i], original.headers(),
                        original.body());
            }
        }
        return new Workload(List.of(made));
    }

    private static int take(List<Integer> from, SplittableRandom random) {
        if (from.isEmpty()) {
            return -1;
        }
        int at = random.nextInt(from.size());
        int taken = from.get(at);
        from.set(at, from.get(from.size() - 1));
        from.remove(from.size() - 1);
        return taken;
    }

    private static Request make(Kind kind, Platform platform, long id, int ref) {
        boolean update = kind == Kind.UPDATE;
        ObjectNode body = platform.template.deepCopy();
        change(platform, body, id, update);
        byte[] bytes;
        try {
            bytes = Fixture.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>(platform.fixture.last().headers());
        String signature = platform.sign(bytes);
        switch (platform) {
            case SHOPIFY -> {
                headers.put("X-Shopify-Hmac-Sha256", signature);
                headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
                headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
                if (update) {
                    headers.put("X-Shopify-Topic", "orders/updated");
                }
            }
            case WOOCOMMERCE -> {
                headers.put("X-WC-Webhook-Signature", signature);
                headers.put("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString().replace("-", ""));
                if (update) {
                    headers.put("X-WC-Webhook-Topic", "order.updated");
                    headers.put("X-WC-Webhook-Event", "updated");
                }
            }
            case BIGCOMMERCE -> { }
        }
        return new Request(kind, platform, id, ref, Map.copyOf(headers), bytes);
    }

    /** The fixture body as order {@code id}; for an update an hour later and a step further in its life. */
    private static void change(Platform platform, ObjectNode body, long id, boolean update) {
        switch (platform) {
            case SHOPIFY -> {
                body.put("id", id);
                body.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
                body.put("name", "#B" + id);
                if (update) {
                    body.put("updated_at", "2026-11-20T11:15:32-05:00");
                    body.put("fulfillment_status", "fulfilled");
                }
            }
            case WOOCOMMERCE -> {
                body.put("id", id);
                body.put("number", Long.toString(id));
                if (update) {
                    body.put("status", "completed");
                    body.put("date_modified", "2026-11-20T16:02:15");
                    body.put("date_modified_gmt", "2026-11-20T15:02:15");
                }
            }
            case BIGCOMMERCE -> ((ObjectNode) body.get("data")).put("id", id);
        }
    }
}
