package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.order.OrderDocuments;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

/**
 * The benchmark's durable floor ({@code POST /bench/durable}, profile {@code bench}): a signed delivery is stored
 * before its 201 and makes no order; a forged one is refused as problem+json and stores nothing. Without this the
 * floor could answer fast by storing nothing, and the bench would set the imports against a ceiling that is not one.
 */
@HubTest
@ActiveProfiles({"test", "bench"})
class DurableFloorTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");

    @Autowired
    MongoDatabase orderhubDatabase;

    @Test
    void aSignedDeliveryIsStoredBeforeItsAnswerAndMakesNoOrder() {
        Fixture.Delivery delivery = SHOPIFY.last();
        byte[] body = delivery.rawBody().getBytes(StandardCharsets.UTF_8);
        String orderId = SHOPIFY.expected().path("order").path("platform_order_id").asText();

        HubClient.Answer answer = hub().post("/bench/durable", delivery.headers(), body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Document stored = orderhubDatabase.getCollection(DurableFloor.COLLECTION).find(Filters.eq("platform_order_id", orderId))
                .first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("body", Binary.class).getData()).isEqualTo(body);
        assertThat(orderhubDatabase.getCollection(OrderDocuments.COLLECTION).find(Filters.eq("platform_order_id", orderId))
                .first()).isNull();
    }

    @Test
    void aForgedDeliveryIsRefusedAsProblemJsonAndNothingIsStored() {
        Fixture.Delivery forged = Deliveries.withHeaders(SHOPIFY.last(),
                Map.of("X-Shopify-Hmac-Sha256", Deliveries.hmacBase64("not-the-store-secret", new byte[] {1})));
        long before = floorDocuments();

        HubClient.Answer answer = hub().post("/bench/durable", forged.headers(),
                forged.rawBody().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(floorDocuments()).isEqualTo(before);
    }

    /** Counted by reading them: the test store answers no count aggregation. */
    private long floorDocuments() {
        return orderhubDatabase.getCollection(DurableFloor.COLLECTION).find().into(new ArrayList<>()).size();
    }
}
