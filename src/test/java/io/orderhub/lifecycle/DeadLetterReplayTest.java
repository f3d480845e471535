package io.orderhub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import com.mongodb.client.MongoDatabase;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator fixes a mapping that could not map an order: the dead letter is replayed through the same
 * idempotent path and becomes one order, however often it is replayed or redelivered.
 */
@HubTest
class DeadLetterReplayTest extends HubTestSupport {

    private static final Path MAPPINGS = copyOfTheMappings();
    private static final Fixture ORDER = Fixture.named("s01_orders_create_paid_two_items");

    @Autowired
    MongoDatabase database;

    @DynamicPropertySource
    static void editableMappings(DynamicPropertyRegistry registry) {
        registry.add("orderhub.mappings.location", () -> MAPPINGS.toUri() + "*.jslt");
    }

    @Test
    void deadLetterReplayedAfterItsMappingIsFixedBecomesOneOrder() throws IOException {
        Path shopify = MAPPINGS.resolve("shopify.jslt");
        String working = Files.readString(shopify);
        // A mapping bug: the order id read from a field Shopify does not send.
        Files.writeString(shopify, working.replace("\"platform_order_id\": $order_id,", "\"platform_order_id\": $order.no_such_id,"));
        assertThat(hub().admin("POST", "/admin/mappings/reload").status()).isEqualTo(200);

        Answer deadLettered = hub().post(ORDER.last());
        assertThat(deadLettered.status()).as(deadLettered.toString()).isEqualTo(202);
        String deadLetterId = deadLettered.field("dead_letter_id");
        assertThat(hub().admin("GET", "/admin/dead-letters").body()).contains(deadLetterId);

        Answer stillBroken = hub().admin("POST", "/admin/dead-letters/" + deadLetterId + "/replay");
        assertThat(stillBroken.status()).as(stillBroken.toString()).isEqualTo(422);

        Files.writeString(shopify, working);
        assertThat(hub().admin("POST", "/admin/mappings/reload").status()).isEqualTo(200);
        Answer replayed = hub().admin("POST", "/admin/dead-letters/" + deadLetterId + "/replay");
        Answer replayedAgain = hub().admin("POST", "/admin/dead-letters/" + deadLetterId + "/replay");
        Answer redelivered = hub().post(ORDER.last());

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.field("status")).isEqualTo("created");
        assertThat(replayedAgain.field("status")).isEqualTo("duplicate");
        assertThat(redelivered.field("status")).isEqualTo("duplicate");
        assertThat(replayedAgain.field("order_id")).isEqualTo(replayed.field("order_id"));
        assertThat(redelivered.field("order_id")).isEqualTo(replayed.field("order_id"));
        assertThat(database.getCollection("orders").countDocuments()).isEqualTo(1);
        assertThat(hub().admin("GET", "/admin/dead-letters/" + deadLetterId).json().path("replayed").asBoolean()).isTrue();
        assertThat(hub().get("/orders/" + replayed.field("order_id")).json().path("totals").path("total").asText())
                .isEqualTo("59.48");
    }

    @Test
    void brokenMappingFileIsRefusedOnReloadAndTheWorkingOnesStay() throws IOException {
        Path shopify = MAPPINGS.resolve("shopify.jslt");
        String working = Files.readString(shopify);
        try {
            Files.writeString(shopify, working + "\n  this is not jslt {{{");
            Answer reload = hub().admin("POST", "/admin/mappings/reload");
            assertThat(reload.status()).as(reload.toString()).isEqualTo(422);
            assertThat(reload.json().path("detail").asText()).contains("shopify.jslt");
        } finally {
            Files.writeString(shopify, working);
        }
        Answer imported = hub().post(Fixture.named("s06_discount_code_and_tax").last());
        assertThat(imported.status()).as("the previous mappings stay in use").isIn(200, 201);
    }

    @Test
    void reprocessAppliesAChangedMappingToStoredOrdersOnce() throws IOException {
        Answer imported = hub().post(Fixture.named("s06_discount_code_and_tax").last());
        String orderId = imported.field("order_id");
        Path shopify = MAPPINGS.resolve("shopify.jslt");
        String working = Files.readString(shopify);
        try {
            Files.writeString(shopify, working.replace("\"schema_version\": 1,", "\"schema_version\": 1, \"mapping_revision\": 2,"));
            assertThat(hub().admin("POST", "/admin/mappings/reload").status()).isEqualTo(200);

            Answer first = hub().admin("POST", "/admin/reprocess?platform=shopify&since=2020-01-01T00:00:00Z");
            Answer second = hub().admin("POST", "/admin/reprocess?platform=shopify&since=2020-01-01T00:00:00Z");

            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().path("outcomes").path("updated").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(second.json().path("outcomes").has("updated")).as(second.toString()).isFalse();
            assertThat(hub().get("/orders/" + orderId).json().path("mapping_revision").asInt()).isEqualTo(2);
        } finally {
            Files.writeString(shopify, working);
            hub().admin("POST", "/admin/mappings/reload");
        }
    }

    @Test
    void operatorEndpointsNeedTheOperatorCredential() {
        assertThat(hub().get("/admin/dead-letters").status()).isEqualTo(401);
        assertThat(hub().post("/admin/mappings/reload", java.util.Map.of(), new byte[0]).status()).isEqualTo(401);
    }

    private static Path copyOfTheMappings() {
        try {
            Path dir = Files.createTempDirectory("orderhub-mappings");
            try (Stream<Path> files = Files.list(Paths.get("src/main/resources/mappings"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jslt")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
