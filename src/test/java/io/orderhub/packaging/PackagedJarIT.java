package io.orderhub.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import io.orderhub.support.Deliveries;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.PackagedHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as an operator runs it: {@code java -jar … --server.port --orderhub.data-dir
 * --spring.config.additional-location}. It reports UP, takes the README's signed example, and still has
 * the order after a restart on the same data directory (the embedded store is on disk).
 */
class PackagedJarIT {

    private static final String SECRET = "demo-shopify-app-secret";

    @TempDir
    Path workDir;

    private PackagedHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void jarStartsReportsUpImportsTheReadmeExampleAndKeepsItAcrossARestart() throws Exception {
        Path stores = workDir.resolve("stores.yml");
        Files.writeString(stores, """
                orderhub:
                  platforms:
                    shopify:
                      webhook-secret: %s
                """.formatted(SECRET));
        Path dataDir = workDir.resolve("data");
        int port = PackagedHub.freePort();
        List<String> args = List.of("--orderhub.data-dir=" + dataDir, "--spring.config.additional-location=file:" + stores);
        HubClient client = new HubClient(port);

        hub = PackagedHub.start(port, args).awaitUp();

        byte[] body = Files.readAllBytes(Paths.get("examples/shopify-orders-create.json"));
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Shopify-Topic", "orders/create",
                "X-Shopify-Shop-Domain", "demo-shop.myshopify.com", "X-Shopify-API-Version", "2025-10",
                "X-Shopify-Hmac-Sha256", Deliveries.hmacBase64(SECRET, body));
        Answer created = client.post("/import-orders", headers, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderId = created.field("order_id");

        hub.terminate();
        hub = PackagedHub.start(port, args).awaitUp();

        Answer stored = client.get("/orders/" + orderId);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("order_number").asText()).isEqualTo("#9001");
        Answer again = client.post("/import-orders", headers, body);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(orderId);
    }
}
