package io.orderhub.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderMapperLoadingTest {

    @TempDir
    Path mappings;

    @Test
    void everyMappingFileOnTheClassPathIsAPlatform() {
        assertThat(new OrderMapper().platforms()).contains("bigcommerce", "shopify", "woocommerce")
                .allSatisfy(platform -> assertThat(getClass().getResource("/mappings/" + platform + ".jslt")).isNotNull());
    }

    @Test
    void brokenMappingFailsStartUpNamingTheFileAndLine() {
        assertThatThrownBy(() -> new OrderMapper("classpath*:test-mappings/broken/*.jslt"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("acme.jslt")
                .hasMessageContaining("line 5")
                .satisfies(e -> assertThat(((InvalidMappingException) e).line()).isEqualTo(5));
    }

    @Test
    void reloadKeepsTheMappingsInUseWhenANewFileIsBroken() throws IOException {
        copyShopifyMapping();
        OrderMapper mapper = new OrderMapper(pattern());
        Files.writeString(mappings.resolve("woocommerce.jslt"), """
                {
                  "platform": "woocommerce",
                  "note": no-such-function(.order.customer_note)
                }
                """);

        assertThatThrownBy(mapper::reload)
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("woocommerce.jslt")
                .hasMessageContaining("line 3");
        assertThat(mapper.platforms()).containsExactly("shopify");
        assertThat(mapper.map("shopify", shopifyEnvelope()).get("platform_order_id").asText()).isEqualTo("5500000000101");
    }

    @Test
    void reloadPicksUpNewAndChangedFiles() throws IOException {
        copyShopifyMapping();
        OrderMapper mapper = new OrderMapper(pattern());
        Files.writeString(mappings.resolve("acme.jslt"), "{\"platform\": \"acme\", \"platform_order_id\": string(.order.id)}");
        Files.writeString(mappings.resolve("shopify.jslt"), "{\"platform\": \"shopify\", \"version\": 2}");

        mapper.reload();

        assertThat(mapper.platforms()).containsExactly("acme", "shopify");
        assertThat(mapper.map("shopify", shopifyEnvelope()).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void platformWithoutMappingIsUnmappable() {
        assertThatThrownBy(() -> new OrderMapper().map("acme", shopifyEnvelope()))
                .isInstanceOf(UnmappableOrderException.class)
                .satisfies(e -> assertThat(((UnmappableOrderException) e).reason()).contains("acme"));
    }

    @Test
    void payloadTheMappingCannotReadIsUnmappable() {
        ObjectNode order = MappingFixtures.order("shopify/s01_orders_create_paid_two_items.json");
        order.put("created_at", "yesterday");

        assertThatThrownBy(() -> new OrderMapper().map("shopify", MappingFixtures.shopifyEnvelope(order)))
                .isInstanceOf(UnmappableOrderException.class)
                .satisfies(e -> assertThat(((UnmappableOrderException) e).reason()).contains("shopify.jslt", "'yesterday'"));
    }

    @Test
    void mappingThatDoesNotProduceAnObjectIsUnmappable() throws IOException {
        Files.writeString(mappings.resolve("acme.jslt"), "[.order.id]");

        assertThatThrownBy(() -> new OrderMapper(pattern()).map("acme", shopifyEnvelope()))
                .isInstanceOf(UnmappableOrderException.class)
                .hasMessageContaining("not an order object");
    }

    private static ObjectNode shopifyEnvelope() {
        return MappingFixtures.shopifyEnvelope(MappingFixtures.order("shopify/s01_orders_create_paid_two_items.json"));
    }

    private String pattern() {
        return "file:" + mappings.toAbsolutePath() + "/*.jslt";
    }

    private void copyShopifyMapping() throws IOException {
        try (InputStream in = OrderMapperLoadingTest.class.getResourceAsStream("/mappings/shopify.jslt")) {
            Files.copy(in, mappings.resolve("shopify.jslt"));
        }
    }
}
