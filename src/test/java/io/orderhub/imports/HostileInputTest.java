package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile but authentic deliveries get their contract answer: a body that is not UTF-8 is malformed (400,
 * nothing kept), an order id the platform can never have issued is dead-lettered (202) before it becomes a key.
 */
@HubTest
class HostileInputTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture WOO = Fixture.named("w01_order_created_processing");
    private static final Fixture BIGCOMMERCE = Fixture.named("b01_order_created_hydrated");
    private static final Fixture CUSTOM = Fixture.named("c01_order_created_paid");
    private static final Map<String, String> SIGNATURE_HEADERS = Map.of("shopify", "X-Shopify-Hmac-Sha256",
            "woocommerce", "X-WC-Webhook-Signature", "custom", "X-OrderHub-Signature");
    /** A JSON id written as the hostile sender wrote it, spliced into the fixture's body. */
    private static final String ID_PLACEHOLDER = "\"__id__\"";

    @Autowired
    MongoDatabase database;

    @ParameterizedTest
    @ValueSource(strings = {"s01_orders_create_paid_two_items", "w01_order_created_processing", "c01_order_created_paid"})
    void signedBodyThatIsNotUtf8IsMalformed(String fixtureName) {
        Fixture fixture = Fixture.named(fixtureName);
        byte[] body = fixture.last().rawBody().getBytes(StandardCharsets.UTF_8);
        int insideAString = fixture.last().rawBody().indexOf("@example.com");
        long deadLetters = database.getCollection("dead_letters").countDocuments();
        long orders = database.getCollection("orders").countDocuments();

        byte[] badContinuation = spliced(body, insideAString, new byte[] {(byte) 0xC3, (byte) 0x28});
        byte[] loneFf = spliced(body, insideAString, new byte[] {(byte) 0xFF});

        Answer answer = hub().post("/import-orders", signed(fixture, badContinuation), badContinuation);
        Answer loneByte = hub().post("/import-orders", signed(fixture, loneFf), loneFf);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asText()).startsWith("https://");
        assertThat(answer.json().path("detail").asText()).contains("not valid UTF-8").contains("offset " + insideAString);
        assertThat(loneByte.status()).as(loneByte.toString()).isEqualTo(400);
        assertThat(database.getCollection("orders").countDocuments()).isEqualTo(orders);
        assertThat(database.getCollection("dead_letters").countDocuments()).isEqualTo(deadLetters);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1.5", "-3", "0", "\"abc\"", "18446744073709551616", "\"0123\"", "true"})
    void shopifyOrderIdThePlatformCannotHaveIssuedIsDeadLettered(String id) {
        assertDeadLetteredBeforeStorage(SHOPIFY, id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1.5", "-3", "0", "\"abc\"", "18446744073709551616"})
    void wooCommerceOrderIdThePlatformCannotHaveIssuedIsDeadLettered(String id) {
        assertDeadLetteredBeforeStorage(WOO, id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1.5", "-3", "0", "\"abc\"", "18446744073709551616"})
    void bigCommerceEventIdThePlatformCannotHaveIssuedIsDeadLetteredWithoutCallingItsApi(String id) {
        PLATFORM_APIS.serve(BIGCOMMERCE, BIGCOMMERCE.apiResponses());
        int apiCalls = PLATFORM_APIS.requests();
        String body = withId(BIGCOMMERCE, "/data", id);

        Answer answer = hub().post(new Fixture.Delivery(BIGCOMMERCE.last().headers(), body));

        assertDeadLettered(answer, "/data/id");
        assertThat(PLATFORM_APIS.requests()).as("calls to the BigCommerce API").isEqualTo(apiCalls);
    }

    @Test
    void largestSixtyFourBitIdIsStillImported() {
        String body = withId(SHOPIFY, "", "9223372036854775807");
        Answer answer = hub().post("/import-orders", signed(SHOPIFY, body.getBytes(StandardCharsets.UTF_8)),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.field("idempotency_key")).endsWith("_9223372036854775807");
    }

    @Test
    void customStoreIdWithControlCharactersIsDeadLettered() {
        String body = withId(CUSTOM, "", "\"HC\\u00002001\"");
        Answer answer = hub().post("/import-orders", signed(CUSTOM, body.getBytes(StandardCharsets.UTF_8)),
                body.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(answer, "/id");
    }

    private void assertDeadLetteredBeforeStorage(Fixture fixture, String id) {
        String body = withId(fixture, "", id);
        Answer answer = hub().post("/import-orders", signed(fixture, body.getBytes(StandardCharsets.UTF_8)),
                body.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(answer, "/id");
        assertThat(database.getCollection("orders").countDocuments(Filters.and(Filters.eq("platform", fixture.platform()),
                Filters.ne("platform_order_id", "9223372036854775807")))).isZero();
    }

    private void assertDeadLettered(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.field("status")).isEqualTo("dead_lettered");
        assertThat(answer.field("reason")).contains("order id " + field).hasSizeLessThan(400);
        assertThat(database.getCollection("dead_letters").find(Filters.eq("_id", answer.field("dead_letter_id"))).first())
                .as("the dead letter kept for replay").isNotNull();
    }

    /** The fixture's body with the id at {@code parent} replaced by a JSON literal, exactly as written. */
    private static String withId(Fixture fixture, String parent, String jsonLiteral) {
        try {
            ObjectNode body = (ObjectNode) Fixture.JSON.readTree(fixture.last().rawBody());
            JsonNode holder = parent.isEmpty() ? body : body.at(parent);
            ((ObjectNode) holder).put("id", "__id__");
            return Fixture.JSON.writeValueAsString(body).replace(ID_PLACEHOLDER, jsonLiteral);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fixture's headers with its platform's signature over exactly these bytes. */
    private static Map<String, String> signed(Fixture fixture, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(fixture.last().headers());
        String header = SIGNATURE_HEADERS.get(fixture.platform());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(header));
        headers.put(header, Deliveries.hmacBase64(fixture.store().get("webhook-secret").asText(), body));
        return headers;
    }

    private static byte[] spliced(byte[] body, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }
}
