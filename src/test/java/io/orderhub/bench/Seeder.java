package io.orderhub.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.orderhub.assignment.DeliveryRepository;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.order.OrderDocuments;
import io.orderhub.order.OrderRepository;
import io.orderhub.order.PreparedOrder;
import io.orderhub.support.Fixture;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Fills a store with orders fast: documents laid out by the hub's own {@link OrderDocuments} from the fixtures'
 * orders as the hub maps them (one per platform of the mix, in turn), written with {@code insertMany} in big
 * unordered batches under all the hub's indexes. Seeded order ids start at {@link #FIRST_ID}, far from
 * the ids a run sends.
 */
final class Seeder {

    static final long FIRST_ID = 900_000_000_000L;
    private static final int BATCH = 2_000;

    private Seeder() {
    }

    /** Inserts {@code count} orders; returns how long it took in milliseconds. */
    static long seed(String storeUri, int count) {
        long started = System.nanoTime();
        List<Document> templates = new ArrayList<>();
        for (Workload.Platform platform : Workload.Platform.values()) {
            templates.add(template(platform));
        }
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            MongoCollection<Document> orders = mongo.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION);
            // Every index the hub keeps on its orders, created by the hub's own repositories, as a store that has
            // served a hub for a while has them: each seeded insert pays for them as the hub's inserts do, and the
            // hub does not build them over a million orders when it starts.
            new OrderRepository(mongo.getDatabase("orderhub"));
            new DeliveryRepository(mongo.getDatabase("orderhub"));
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < count; i++) {
                Document template = templates.get(i % templates.size());
                String id = Long.toString(FIRST_ID + i);
                Document doc = new Document(template);
                doc.put("_id", "ord_" + new ObjectId().toHexString());
                doc.put("platform_order_id", id);
                doc.put("idempotency_key", template.getString("platform") + "_" + template.getString("store_uid") + "_" + id);
                batch.add(doc);
                if (batch.size() == BATCH || i == count - 1) {
                    orders.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    static Document template(Workload.Platform platform) {
        // The order as the hub maps it (the fixture's expected order is written flat, "totals.total", for the
        // fixture checks; a stored order nests it), by the mapping benchmark's own steps.
        MappingBenchmark mapping = new MappingBenchmark();
        mapping.platform = platform.name;
        ObjectNode order;
        try {
            mapping.load();
            order = mapping.map().order();
        } catch (Exception e) {
            throw new IllegalStateException("cannot map the " + platform.name + " fixture", e);
        }
        Fixture fixture = platform.fixture;
        Map<String, String> headers = new LinkedHashMap<>();
        fixture.last().headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Instant now = Instant.now();
        InboundDelivery delivery = new InboundDelivery(now, "application/json", headers,
                fixture.last().rawBody().getBytes(StandardCharsets.UTF_8), null);
        Long updatedMs = order.hasNonNull("updated_at") ? Instant.parse(order.get("updated_at").asText()).toEpochMilli() : null;
        PreparedOrder prepared = new PreparedOrder(order.path("idempotency_key").asText(), order, "seeded", updatedMs, delivery);
        Document doc = OrderDocuments.newOrder("ord_template", now, prepared);
        // A store that has held orders for a while: their deliveries were assigned long ago, not all waiting.
        Document assigned = doc.get("delivery", Document.class);
        assigned.put("status", "assigned");
        assigned.put("partner_id", "seeded-partner");
        assigned.put("assigned_at", now.toString());
        assigned.put("version", 2);
        return doc;
    }
}
