package io.orderhub.demo;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.demo.SigningScheme.Signed;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.platform.StoreRegistry.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends realistic, correctly signed webhooks of every platform in {@code demo/*.json} to this hub's own
 * {@code /import-orders} over HTTP, with some redeliveries, newer versions and forged signatures, so a newcomer sees
 * the dashboard come alive. New orders take the platforms in turn, so each shows up within a round; a thin platform's
 * order is put in the {@link DemoApiStandIn} before its event is sent.
 */
@Component
@Profile("demo")
public class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final String[] NAMES = {"Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Alan Turing",
        "Margaret Hamilton", "Dorothy Vaughan", "Edsger Dijkstra", "Barbara Liskov"};
    private static final BigDecimal[] SHIPPING = {new BigDecimal("0.00"), new BigDecimal("4.90"), new BigDecimal("9.50")};
    private static final int REMEMBERED = 50;

    private final DemoProperties settings;
    private final DemoTemplate template;
    private final DemoApiStandIn api;
    private final List<DemoPlatform> platforms;
    /** Per platform, the key its demo store verifies: the store's secret, or the private half of its public key. */
    private final Map<String, String> keys = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random();
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() / 1000 * 10);
    private final List<Sent> recent = new ArrayList<>();
    private int turn;
    private volatile String importUrl;

    /** A delivery as signed, and as it was before signing (a forgery signs that again with a stranger's key). */
    private record Sent(DemoOrder order, Signed unsigned, byte[] signedContent, Signed signed) {
    }

    public DemoTraffic(DemoProperties settings, ObjectMapper json, StoreRegistry stores, DemoApiStandIn api) {
        this.settings = settings;
        this.template = new DemoTemplate(json);
        this.api = api;
        this.platforms = DemoPlatform.load(json);
        for (DemoPlatform platform : platforms) {
            String name = platform.platform();
            String key = settings.privateKeys().containsKey(name) ? settings.privateKeys().get(name)
                    : stores.find(name, platform.store()).map(Store::webhookSecret).orElse(null);
            if (key == null) {
                throw new IllegalStateException("The demo's " + name + " store '" + platform.store() + "' has no "
                        + "webhook-secret in application-demo.yml (nor orderhub.demo.private-keys." + name + ")");
            }
            keys.put(name, key);
            requireFillable(platform);
        }
    }

    /** A demo resource that names an unknown value or format, or a key that cannot sign, fails the start, not every tick. */
    private void requireFillable(DemoPlatform platform) {
        try {
            DemoOrder sample = newOrder(platform);
            deliver(sample, "new");
            deliver(sample.newer(now(), customer(), 1), "newer");
        } catch (RuntimeException e) {
            throw new IllegalStateException("Demo resource demo/" + platform.platform() + ".json cannot be sent: "
                    + e.getMessage(), e);
        }
    }

    @EventListener
    public void onStarted(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        importUrl = "http://127.0.0.1:" + port + "/import-orders";
        log.info("Demo traffic: {} signed webhooks a second from {} to {} (dashboard token 'demo', admin key 'demo-admin-key')",
                settings.ratePerSecond(), platforms.stream().map(DemoPlatform::platform).toList(), importUrl);
    }

    /** One tick of the simulator: a new order, or now and then a redelivery, a newer version or a forgery. */
    public synchronized void sendOne() {
        if (importUrl == null || platforms.isEmpty()) {
            return;
        }
        double dice = random.nextDouble();
        Sent delivery;
        if (!recent.isEmpty() && dice < settings.duplicateShare()) {
            delivery = recent.get(random.nextInt(recent.size()));
        } else if (!recent.isEmpty() && dice < settings.duplicateShare() + settings.updateShare()) {
            int index = random.nextInt(recent.size());
            delivery = deliver(recent.get(index).order().newer(now(), customer(), 1 + random.nextInt(3)), "newer");
            recent.set(index, delivery);
        } else {
            delivery = deliver(newOrder(platforms.get(turn++ % platforms.size())), "new");
            recent.add(delivery);
            if (recent.size() > REMEMBERED) {
                recent.remove(0);
            }
        }
        Signed signed = delivery.signed();
        if (random.nextDouble() < settings.badSignatureShare()) {
            SigningScheme scheme = delivery.order().platform().scheme();
            signed = scheme.sign(delivery.unsigned(), delivery.order().platform().signature().header(),
                    delivery.signedContent(), scheme.strangerKey());
        }
        post(signed);
    }

    private DemoOrder newOrder(DemoPlatform platform) {
        Instant now = now();
        BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(9500), 2);
        return new DemoOrder(platform, nextId.incrementAndGet(), now, now, customer(), price, 1 + random.nextInt(3),
                SHIPPING[random.nextInt(SHIPPING.length)]);
    }

    /** Fills the platform's templates for this version, serves what its API answers for it, and signs the delivery. */
    private Sent deliver(DemoOrder order, String version) {
        DemoPlatform platform = order.platform();
        Map<String, Object> values = order.values(version, now());
        platform.api().forEach((path, answer) ->
                api.serve(platform.platform(), template.renderText(path, values), template.render(answer, values)));
        Map<String, String> headers = new LinkedHashMap<>();
        platform.headers().forEach((name, value) -> headers.put(name, template.renderText(value, values)));
        String body = template.text(template.render(platform.body(), values));
        values.put("body", body);
        byte[] signedContent = template.renderText(platform.signedTemplate(), values).getBytes(StandardCharsets.UTF_8);
        Signed unsigned = new Signed(headers, body.getBytes(StandardCharsets.UTF_8));
        Signed signed = platform.scheme().sign(unsigned, platform.signature().header(), signedContent,
                keys.get(platform.platform()));
        return new Sent(order, unsigned, signedContent, signed);
    }

    private void post(Signed delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(importUrl)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).exceptionally(e -> {
            log.debug("Demo webhook failed: {}", e.toString());
            return null;
        });
    }

    private String customer() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
