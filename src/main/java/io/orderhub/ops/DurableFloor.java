package io.orderhub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.gateway.DeliveryReceiver;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mongo.GroupCommitInserts;
import io.orderhub.mongo.StoreDurability;
import io.orderhub.platform.Authenticator;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The durable floor, only under the {@code bench} profile ({@code POST /bench/durable}): what no import can skip,
 * and nothing else. A signed Shopify delivery is taken in by the gateway's own {@link DeliveryReceiver} (size and
 * content type checked), its HMAC checked against the store's secret, its JSON parsed as imports parse it, and its
 * raw body written durably through a group commit like the orders' (the same batch size, linger and writers, a
 * collection of its own) before the answer. No mapping, idempotency, events or assignment. The benchmark drives it
 * with wrk beside the imports: the distance between the two rates is what the import pipeline adds to the cheapest
 * durable answer this server and store can give.
 */
@Component
@Profile("bench")
public class DurableFloor implements AutoCloseable {

    public static final String COLLECTION = "bench_durable_floor";

    private final DeliveryReceiver receiver;
    private final Authenticator authenticator;
    private final PayloadJson json;
    private final GroupCommitInserts inserts;

    public DurableFloor(DeliveryReceiver receiver, Authenticator authenticator, PayloadJson json, MongoDatabase orderhubDatabase,
            StoreDurability durability, OrderHubProperties properties) {
        this.receiver = receiver;
        this.authenticator = authenticator;
        this.json = json;
        OrderHubProperties.GroupCommit settings = properties.store().groupCommit();
        this.inserts = new GroupCommitInserts(orderhubDatabase.getCollection(COLLECTION), durability, settings.maxBatch(),
                settings.linger(), settings.writers());
    }

    /** Receives, authenticates, parses and stores one delivery, as the import path does each; returns once durable. */
    public void store(Exchange exchange) {
        InboundDelivery delivery = receiver.receive(exchange);
        authenticator.requireHmacSha256Base64(delivery,
                authenticator.store("shopify", delivery.header("x-shopify-shop-domain")), "x-shopify-hmac-sha256");
        JsonNode order = json.parse(delivery.rawBody(), "Shopify");
        if (!order.path("id").canConvertToLong()) {
            throw new Problems.BadRequest("The delivery has no order id.");
        }
        inserts.insert(new Document("_id", new ObjectId()).append("platform_order_id", order.path("id").asText())
                .append("received_at", delivery.receivedAt().toString()).append("body", new Binary(delivery.rawBody())));
    }

    @Override
    public void close() {
        inserts.close();
    }
}
