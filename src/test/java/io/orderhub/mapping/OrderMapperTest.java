package io.orderhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.orderhub.mapping.MappingFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shared fixture that expects a stored order: its delivery, mapped and validated, has the
 * stored values the fixture lists (README: money as decimals, {@code *_at} as instants in Z,
 * the rest exactly; null, [] and lists compared whole). Only the shared fixtures' platforms, whose envelopes
 * {@link MappingFixtures} builds by hand; every platform's fixtures, these included, also go through the real
 * endpoint in FixtureImportTest, which builds envelopes the way the routes do.
 */
class OrderMapperTest {

    private static final Set<String> MONEY = Set.of("subtotal", "discount", "shipping", "tax", "total", "refunded", "unit_price", "price");

    private final OrderMapper mapper = new OrderMapper();
    private final OrderSchemaValidator validator = new OrderSchemaValidator(JSON);

    @TestFactory
    Stream<DynamicTest> everyFixtureMapsToItsExpectedOrder() throws IOException, URISyntaxException {
        Path root = Path.of(OrderMapperTest.class.getResource("/fixtures").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode fixture = JSON.readTree(file.toFile());
            if (fixture.path("expected").has("order") && MappingFixtures.PLATFORMS.contains(fixture.path("platform").asText())) {
                String name = root.relativize(file) + ": " + fixture.path("description").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> mapsAsExpected(fixture)));
            }
        }
        assertThat(tests).as("fixtures with an expected order").isNotEmpty();
        return tests.stream();
    }

    private void mapsAsExpected(JsonNode fixture) {
        String platform = fixture.get("platform").asText();
        List<JsonNode> deliveries = new ArrayList<>();
        fixture.path("sequence").forEach(deliveries::add);
        if (deliveries.isEmpty()) {
            deliveries.add(fixture);
        }

        ObjectNode stored = null;
        String outcome = null;
        for (JsonNode delivery : deliveries) {
            ObjectNode envelope = MappingFixtures.envelope(fixture, delivery);
            assertThat(envelope.at("/meta/store_uid").asText()).isEqualTo(fixture.at("/store/store_uid").asText());
            ObjectNode mapped = mapper.map(platform, envelope);
            assertThat(validator.validate(withPlaceholderId(mapped))).as("schema violations").isEmpty();
            assertThat(fieldNames(mapped)).as("keys in schema order").containsExactlyElementsOf(schemaOrder());
            if (stored == null) {
                stored = mapped;
                outcome = "created";
            } else {
                outcome = storeOutcome(stored, mapped);
                if (outcome.equals("updated")) {
                    stored = mapped;
                }
            }
        }
        JsonNode expected = fixture.get("expected");
        if (expected.has("status")) {
            assertThat(outcome).as("update/duplicate/stale outcome").isEqualTo(expected.get("status").asText());
        }
        ObjectNode order = stored;
        expected.get("order").properties().forEach(path -> assertPath(order, path.getKey(), path.getValue()));
    }

    /** MAPPING.md "Update, duplicate, stale", so a sequence's expected order is the one the hub keeps. */
    private static String storeOutcome(ObjectNode stored, ObjectNode fresh) {
        JsonNode before = stored.get("updated_at");
        JsonNode after = fresh.get("updated_at");
        if (!before.isNull() && !after.isNull() && Instant.parse(after.asText()).isBefore(Instant.parse(before.asText()))) {
            return "stale";
        }
        ObjectNode a = stored.deepCopy();
        ObjectNode b = fresh.deepCopy();
        for (String ignored : List.of("id", "source", "delivery")) {
            a.remove(ignored);
            b.remove(ignored);
        }
        return a.equals(b) ? "duplicate" : "updated";
    }

    private static void assertPath(JsonNode order, String path, JsonNode expected) {
        JsonNode actual = order;
        for (String step : path.split("\\.")) {
            assertThat(actual.isArray() ? actual.has(Integer.parseInt(step)) : actual.has(step)).as(path + " exists").isTrue();
            actual = actual.isArray() ? actual.get(Integer.parseInt(step)) : actual.get(step);
        }
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (expected.isNull() || expected.isContainerNode()) {
            assertThat(actual).as(path).isEqualTo(expected);
        } else if (MONEY.contains(leaf)) {
            assertThat(actual.isTextual()).as(path + " is a decimal string: " + actual).isTrue();
            assertThat(new BigDecimal(actual.asText())).as(path).isEqualByComparingTo(expected.asText());
        } else if (leaf.endsWith("_at")) {
            assertThat(actual.asText()).as(path).endsWith("Z");
            assertThat(Instant.parse(actual.asText())).as(path).isEqualTo(Instant.parse(expected.asText()));
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number: " + actual).isTrue();
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static ObjectNode withPlaceholderId(ObjectNode order) {
        ObjectNode copy = JSON.createObjectNode().put("id", "ord_placeholder");
        copy.setAll(order);
        return copy;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The schema's property order without the hub's own id, which the pipeline adds. */
    private static List<String> schemaOrder() {
        List<String> names = new ArrayList<>();
        JsonNode properties = MappingFixtures.read("/schema/universal-order.schema.json").get("properties");
        properties.fieldNames().forEachRemaining(name -> {
            if (!name.equals("id")) {
                names.add(name);
            }
        });
        return names;
    }
}
