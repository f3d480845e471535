package io.orderhub.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.orderhub.support.Deliveries;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
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

    private Process hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            hub.waitFor();
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
        int port = freePort();
        HubClient client = new HubClient(port);

        hub = start(port, dataDir, stores);
        awaitUp(client);

        byte[] body = Files.readAllBytes(Paths.get("examples/shopify-orders-create.json"));
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Shopify-Topic", "orders/create",
                "X-Shopify-Shop-Domain", "demo-shop.myshopify.com", "X-Shopify-API-Version", "2025-10",
                "X-Shopify-Hmac-Sha256", Deliveries.hmacBase64(SECRET, body));
        Answer created = client.post("/import-orders", headers, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderId = created.field("order_id");

        hub.destroy();
        assertThat(hub.waitFor()).isNotNull();
        hub = start(port, dataDir, stores);
        awaitUp(client);

        Answer stored = client.get("/orders/" + orderId);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("order_number").asText()).isEqualTo("#9001");
        Answer again = client.post("/import-orders", headers, body);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(orderId);
    }

    private Process start(int port, Path dataDir, Path stores) throws IOException {
        Path log = workDir.resolve("hub-" + System.nanoTime() + ".log");
        return new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString(), "--server.port=" + port, "--orderhub.data-dir=" + dataDir,
                "--spring.config.additional-location=file:" + stores))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitUp(HubClient client) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                Answer health = client.get("/actuator/health");
                if (health.status() == 200 && "UP".equals(health.field("status"))) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The hub did not report UP within 90 s");
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("order-import-hub-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("No packaged jar in target" + File.separator));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
