package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input gets a clear RFC 9457 problem with the contract's status, and nothing is stored. */
@HubTest
class ImportRefusalTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture WOO = Fixture.named("w01_order_created_processing");
    private static final Fixture BIGCOMMERCE = Fixture.named("b01_order_created_hydrated");

    @Autowired
    MongoDatabase database;

    @Test
    void wrongSignatureIsUnauthorized() {
        Answer answer = hub().post(Deliveries.withHeaders(SHOPIFY.last(),
                Map.of("X-Shopify-Hmac-Sha256", Deliveries.hmacBase64("not-the-secret", SHOPIFY.last().rawBody().getBytes(StandardCharsets.UTF_8)))));
        assertProblem(answer, 401, "does not match");
        assertNothingStored();
    }

    @Test
    void missingSignatureIsUnauthorized() {
        Answer answer = hub().post(Deliveries.withHeaders(SHOPIFY.last(), nulled("X-Shopify-Hmac-Sha256")));
        assertProblem(answer, 401, "Missing signature");
    }

    @Test
    void signatureThatIsNotBase64IsUnauthorized() {
        Answer answer = hub().post(Deliveries.withHeaders(SHOPIFY.last(), Map.of("X-Shopify-Hmac-Sha256", "%%%not base64")));
        assertProblem(answer, 401, "base64");
    }

    @Test
    void unknownStoreIsUnauthorized() {
        Answer answer = hub().post(Deliveries.withHeaders(WOO.last(),
                Map.of("X-WC-Webhook-Source", "https://unknown-shop.example.org/")));
        assertProblem(answer, 401, "Unknown woocommerce store 'unknown-shop.example.org'");
    }

    @Test
    void missingBigCommerceSecretIsUnauthorized() {
        Answer answer = hub().post(Deliveries.withHeaders(BIGCOMMERCE.last(), nulled("X-OrderHub-Webhook-Secret")));
        // Without our secret header BigCommerce is still recognised from its body, and refused.
        assertProblem(answer, 401, "x-orderhub-webhook-secret");
    }

    @Test
    void truncatedJsonFromAnAuthenticSenderIsBadRequest() {
        String body = SHOPIFY.last().rawBody();
        Answer answer = hub().post(Deliveries.resigned(SHOPIFY, body.substring(0, body.length() / 2)));
        assertProblem(answer, 400, "not valid JSON");
        assertNothingStored();
    }

    @Test
    void truncatedBigCommerceEventWithTheRightSecretIsBadRequest() {
        String body = BIGCOMMERCE.last().rawBody();
        Answer answer = hub().post(new Fixture.Delivery(BIGCOMMERCE.last().headers(), body.substring(0, 40)));
        assertProblem(answer, 400, "not valid JSON");
    }

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        Answer answer = hub().post("/import-orders", SHOPIFY.last().headers(), body);
        assertProblem(answer, 413, "limited to 1048576 bytes");
    }

    @Test
    void contentTypeNoPlatformSendsIsUnsupported() {
        Answer answer = hub().post(Deliveries.withHeaders(SHOPIFY.last(), Map.of("Content-Type", "text/plain")));
        assertProblem(answer, 415, "text/plain");
    }

    @Test
    void formBodyThatIsNotWooCommercesPingIsUnsupported() {
        Answer answer = hub().post(Deliveries.withHeaders(SHOPIFY.last(),
                Map.of("Content-Type", "application/x-www-form-urlencoded")));
        assertProblem(answer, 415, "application/x-www-form-urlencoded");
    }

    @Test
    void deliveryNoPlatformRecognisesIsBadRequest() {
        Answer answer = hub().post("/import-orders", Map.of("Content-Type", "application/json", "User-Agent", "curl/8"),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertProblem(answer, 400, "X-OrderHub-Platform");
    }

    @Test
    void explicitlyNamedUnknownPlatformIsBadRequest() {
        Answer answer = hub().post("/import-orders", Map.of("Content-Type", "application/json", "X-OrderHub-Platform", "myshop"),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertProblem(answer, 400, "'myshop'");
    }

    @Test
    void authenticOrderWithoutAnIdIsDeadLetteredWithItsRawBytes() {
        Fixture.Delivery delivery = Deliveries.withFields(SHOPIFY, body -> body.putNull("id"));
        Answer answer = hub().post(delivery);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.field("status")).isEqualTo("dead_lettered");
        assertThat(answer.field("reason")).contains("platform_order_id");
        Document deadLetter = database.getCollection("dead_letters").find(Filters.eq("_id", answer.field("dead_letter_id"))).first();
        assertThat(deadLetter).isNotNull();
        assertThat(new String(deadLetter.get("body", org.bson.types.Binary.class).getData(), StandardCharsets.UTF_8))
                .isEqualTo(delivery.rawBody());
        assertNothingStored();
    }

    @Test
    void refusalsNeverEchoTheSecretHeader() {
        Answer answer = hub().post(Deliveries.withHeaders(BIGCOMMERCE.last(), Map.of("X-OrderHub-Webhook-Secret", "guess")));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("guess").doesNotContain("bc-hook-7f3e9a1c2b");
    }

    @Test
    void wrongMethodOnTheWebhookEndpointIsAProblemNotAnErrorPage() {
        assertProblem(hub().get("/import-orders"), 405, "/import-orders");
    }

    @Test
    void unknownPathIsAProblemNotAnErrorPage() {
        assertProblem(hub().get("/no-such-thing"), 404, "/no-such-thing");
    }

    @Test
    void unknownOrderIsNotFound() {
        assertProblem(hub().get("/orders/ord_missing"), 404, "ord_missing");
    }

    private void assertProblem(Answer answer, int status, String detailContains) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("type").asText()).startsWith("https://");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertThat(answer.json().path("detail").asText()).contains(detailContains);
    }

    private void assertNothingStored() {
        assertThat(database.getCollection("orders").countDocuments()).isZero();
    }

    private static Map<String, String> nulled(String header) {
        Map<String, String> change = new HashMap<>();
        change.put(header, null);
        return change;
    }
}
