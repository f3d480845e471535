package io.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's mapping tools: a preview of a mapping on a pasted payload (nothing stored), and reloading
 * changed mapping files without a restart, refusing a broken one with its file and line.
 */
@HubTest
class MappingAdminTest extends HubTestSupport {

    private static final Path MAPPINGS = mappingDirectory();
    private static final Map<String, String> OPERATOR = Map.of("Authorization", "Bearer test-admin-key");
    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture CUSTOM = Fixture.named("c01_order_created_paid");

    @DynamicPropertySource
    static void editableMappings(DynamicPropertyRegistry registry) {
        registry.add("orderhub.mappings.location", () -> "file:" + MAPPINGS + "/*.jslt");
    }

    @AfterEach
    void restoreMappings() {
        copyJarMappings();
        assertThat(hub().admin("POST", "/admin/mappings/reload").status()).isEqualTo(200);
    }

    private Answer preview(String pathAndQuery, String body) {
        return hub().request("POST", "/admin/mappings/" + pathAndQuery, OPERATOR, body);
    }

    @Test
    void previewShowsTheUniversalOrderOfAPastedPayloadAndStoresNothing() {
        Answer answer = preview("shopify/preview?store_uid=acme-outfitters.myshopify.com", SHOPIFY.last().rawBody());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().at("/order/idempotency_key").asText()).isEqualTo("shopify_acme-outfitters.myshopify.com_5500000000101");
        assertThat(answer.json().at("/order/totals/total").asText()).isEqualTo("59.48");
        assertThat(answer.json().has("errors")).isFalse();
        assertThat(hub().get("/orders?platform=shopify").json().path("items")).isEmpty();
    }

    @Test
    void previewOfACustomStoreUsesThatStoresMapping() {
        Answer answer = preview("custom/preview?store_uid=heron-crafts", CUSTOM.last().rawBody());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().at("/order/idempotency_key").asText()).isEqualTo("custom_heron-crafts_2001");
        assertThat(answer.json().at("/order/totals/total").asText()).isEqualTo("42.80");
    }

    @Test
    void previewOfAWholeEnvelopeReadsItsHeaders() {
        String envelope = """
                {"meta": {"platform": "custom", "store_uid": "heron-crafts", "received_at": "2026-11-25T08:00:00Z",
                          "headers": {"x-orderhub-topic": "order.updated"}},
                 "order": %s}""".formatted(CUSTOM.last().rawBody());

        Answer answer = preview("custom/preview?store_uid=heron-crafts", envelope);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().at("/order/source/topic").asText()).isEqualTo("order.updated");
    }

    @Test
    void previewListsWhatMakesTheResultNoUniversalOrder() {
        String body = SHOPIFY.last().rawBody().replace("\"currency\":\"USD\"", "\"currency\":\"dollars\"");

        Answer answer = preview("shopify/preview?store_uid=acme-outfitters.myshopify.com", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.json().path("errors").toString()).contains("/currency");
        assertThat(answer.json().at("/order/currency").asText()).isEqualTo("dollars");
    }

    @Test
    void previewOfAPayloadTheMappingCannotReadIs422WithTheReason() {
        String body = SHOPIFY.last().rawBody().replace("\"created_at\":\"2026-11-20T10:15:30-05:00\"", "\"created_at\":\"yesterday\"");

        Answer answer = preview("shopify/preview", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.json().path("errors").get(0).asText()).contains("shopify.jslt", "'yesterday'");
    }

    @Test
    void previewRefusesWithoutTheOperatorKeyAndForAnUnknownMapping() {
        assertThat(hub().request("POST", "/admin/mappings/shopify/preview", Map.of(), SHOPIFY.last().rawBody()).status())
                .isEqualTo(401);
        assertThat(preview("magento2000/preview", "{}").status()).isEqualTo(404);
        assertThat(preview("shopify/preview", "not json").status()).isEqualTo(400);
    }

    @Test
    void reloadPicksUpAChangedMappingWithoutARestart() throws IOException {
        Path shopify = MAPPINGS.resolve("shopify.jslt");
        Files.writeString(shopify, Files.readString(shopify).replace("\"note\": text($order.note)", "\"note\": \"from the new mapping\""));

        Answer reload = hub().admin("POST", "/admin/mappings/reload");

        assertThat(reload.status()).as(reload.toString()).isEqualTo(200);
        Answer answer = preview("shopify/preview?store_uid=acme-outfitters.myshopify.com", SHOPIFY.last().rawBody());
        assertThat(answer.json().at("/order/note").asText()).isEqualTo("from the new mapping");
    }

    @Test
    void brokenMappingIsRefusedWithItsFileAndLineAndTheMappingsInUseStay() throws IOException {
        try (InputStream broken = getClass().getResourceAsStream("/test-mappings/broken/acme.jslt")) {
            Files.copy(broken, MAPPINGS.resolve("acme.jslt"));
        }

        Answer reload = hub().admin("POST", "/admin/mappings/reload");

        assertThat(reload.status()).as(reload.toString()).isEqualTo(422);
        assertThat(reload.json().path("detail").asText()).contains("acme.jslt", "line 5");
        assertThat(preview("acme/preview", "{}").status()).isEqualTo(404);
        assertThat(preview("shopify/preview?store_uid=acme-outfitters.myshopify.com", SHOPIFY.last().rawBody()).status())
                .isEqualTo(200);
    }

    private static Path mappingDirectory() {
        try {
            Path directory = Files.createTempDirectory("orderhub-mappings");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holds exactly the jar's mapping files (created at class load, reset after each test). */
    private static void copyJarMappings() {
        try (var files = Files.list(MAPPINGS)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.jslt")) {
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, MAPPINGS.resolve(resource.getFilename()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static {
        copyJarMappings();
    }
}
