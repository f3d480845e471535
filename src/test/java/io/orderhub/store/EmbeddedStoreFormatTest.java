package io.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderhub.assignment.DeliveryRepository;
import io.orderhub.mongo.IdPages;
import io.orderhub.order.OrderRepository;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file format (BSON documents, typed index keys): every wire value type survives a
 * restart, unique indexes refuse duplicates before and after it, and a file an earlier version wrote with
 * H2's Java serialization is converted on first open without losing a document or an index entry.
 */
class EmbeddedStoreFormatTest {

    @TempDir
    Path dir;

    private static Document order(String id, String platformOrderId) {
        return new Document("_id", id)
                .append("platform", "shopify").append("store_uid", "s1").append("platform_order_id", platformOrderId)
                .append("total", new Decimal128(new BigDecimal("1234.50")))
                .append("created_at", java.util.Date.from(Instant.parse("2026-11-25T10:00:00Z")))
                .append("count", 3).append("big", 5_000_000_000L).append("ratio", 0.25).append("paid", true)
                .append("nothing", null)
                .append("items", List.of(new Document("sku", "A-1").append("qty", 2), new Document("sku", "ü-2")))
                .append("delivery", new Document("status", "pending").append("version", 1));
    }

    private static void indexes(MongoCollection<Document> orders) {
        orders.createIndex(Indexes.ascending("platform", "store_uid", "platform_order_id"),
                new IndexOptions().unique(true).name("order_identity"));
        orders.createIndex(Indexes.ascending("_id", "delivery.version"), new IndexOptions().unique(true).name("delivery_version"));
    }

    private static MongoCollection<Document> orders(MongoClient client) {
        return client.getDatabase("orderhub").getCollection("orders");
    }

    private static void assertRefusesDuplicateIdentity(MongoCollection<Document> orders) {
        assertThatThrownBy(() -> orders.insertOne(order("ord_other", "1001")))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    @Test
    void documentsAndUniqueIndexesSurviveARestart() {
        String data = dir.toString();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            indexes(orders);
            orders.insertOne(order("ord_1", "1001"));
            orders.insertOne(order("ord_2", "1002"));
            orders.updateOne(Filters.and(Filters.eq("_id", "ord_2"), Filters.eq("delivery.version", 1)),
                    Updates.combine(Updates.set("delivery.status", "assigned"), Updates.inc("delivery.version", 1)));
            assertRefusesDuplicateIdentity(orders);
            store.awaitDurable();
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            assertThat(orders.find(Filters.eq("_id", "ord_1")).first()).isEqualTo(order("ord_1", "1001"));
            Document second = orders.find(Filters.eq("platform_order_id", "1002")).first();
            assertThat(second.get("delivery", Document.class)).isEqualTo(new Document("status", "assigned").append("version", 2));
            assertRefusesDuplicateIdentity(orders);
            // The claim filter of the assignment: a stale version matches nothing, the current one matches.
            assertThat(orders.countDocuments(Filters.and(Filters.eq("_id", "ord_2"), Filters.eq("delivery.version", 1)))).isZero();
            assertThat(orders.countDocuments(Filters.and(Filters.eq("_id", "ord_2"), Filters.eq("delivery.version", 2)))).isOne();
            orders.insertOne(order("ord_3", "1003"));
            assertThat(orders.countDocuments()).isEqualTo(3);
        }
    }

    @Test
    void aFileOfTheJavaSerializedFormatIsConvertedOnFirstOpen() {
        Path file = dir.resolve("orderhub.mv.db");
        List<Document> written = new ArrayList<>();
        H2Backend legacy = new H2Backend(file.toString());
        MongoServer server = new MongoServer(legacy);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> orders = orders(client);
            indexes(orders);
            for (int i = 0; i < 50; i++) {
                Document order = order("ord_" + i, String.valueOf(1000 + i));
                orders.insertOne(order);
                written.add(order);
            }
        } finally {
            server.shutdownNow();
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            assertThat(orders.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
            assertRefusesDuplicateIdentity(orders);
            assertThatThrownBy(() -> orders.insertOne(order("ord_7", "9999"))).isInstanceOf(MongoWriteException.class);
            store.awaitDurable();
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(orders(client).countDocuments()).isEqualTo(50);
            assertRefusesDuplicateIdentity(orders(client));
        }
    }

    @Test
    void aSecondaryIndexFollowsInsertsUpdatesAndDeletesAndServesTheStatusQuery() {
        String data = dir.toString();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            for (int i = 0; i < 30; i++) {
                orders.insertOne(order("ord_" + i, String.valueOf(2000 + i))
                        .append("delivery", new Document("status", i % 3 == 0 ? "pending" : "assigned").append("version", 1)));
            }
            // Built over what is there, as the hub does when it starts against an older store.
            orders.createIndex(Indexes.ascending("delivery.status", "delivery.next_attempt_ms"));
            orders.updateOne(Filters.eq("_id", "ord_0"), Updates.set("delivery.status", "assigned"));
            orders.updateOne(Filters.eq("_id", "ord_1"), Updates.set("delivery.status", "cancelled"));
            orders.deleteOne(Filters.eq("_id", "ord_3"));
            assertThat(statusIndexEntries(client)).isEqualTo(29);
            assertThat(ids(orders, "pending", "cancelled")).containsExactlyInAnyOrder(
                    "ord_1", "ord_6", "ord_9", "ord_12", "ord_15", "ord_18", "ord_21", "ord_24", "ord_27");
            store.awaitDurable();
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            assertThat(statusIndexEntries(client)).isEqualTo(29);
            orders.insertOne(order("ord_new", "3000").append("delivery", new Document("status", "pending").append("version", 1)));
            assertThat(ids(orders, "pending")).hasSize(9).contains("ord_new").doesNotContain("ord_0", "ord_3");
            assertThat(orders.find(Filters.eq("delivery.status", "assigned")).into(new ArrayList<>())).hasSize(20);
        }
    }

    private static List<String> ids(MongoCollection<Document> orders, String... statuses) {
        List<String> ids = new ArrayList<>();
        orders.find(Filters.in("delivery.status", List.of(statuses))).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Entries of the status index, as the store reports them: zero if the index were ignored. */
    private static long statusIndexEntries(MongoClient client) {
        Document stats = client.getDatabase("orderhub").runCommand(new Document("collStats", "orders"));
        return ((Number) stats.get("indexSize", Document.class).get("delivery.status_1_delivery.next_attempt_ms_1")).longValue();
    }

    @Test
    void sortsByIdReadInKeyOrderAndPagesStartWhereTheLastEnded() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                String id = String.format("ord_%04d", (i * 7919) % 1000);
                all.add(id);
                orders.insertOne(new Document("_id", id).append("n", i));
            }
            all.sort(null);
            assertThat(ids(orders.find().sort(new Document("_id", -1)).limit(5)))
                    .containsExactly(all.get(249), all.get(248), all.get(247), all.get(246), all.get(245));
            // The hub's paged read (the dashboard rebuild): each page starts where the last ended.
            List<String> paged = new ArrayList<>();
            IdPages.forEach(orders, Projections.include("_id"), 40, order -> paged.add(order.getString("_id")));
            assertThat(paged).containsExactlyElementsOf(all);
            // Other filters still apply to what is read in order.
            assertThat(ids(orders.find(Filters.lt("n", 3)).sort(new Document("_id", 1))))
                    .containsExactlyElementsOf(List.of("ord_0000", "ord_0919", "ord_0838").stream().sorted().toList());

            // Keys of other types: the server's own sort, numbers before strings and in numeric order across types.
            MongoCollection<Document> mixed = client.getDatabase("orderhub").getCollection("mixed");
            mixed.insertMany(List.of(new Document("_id", "b"), new Document("_id", 10L), new Document("_id", 2.5),
                    new Document("_id", 3), new Document("_id", "a")));
            assertThat(mixed.find().sort(new Document("_id", 1)).map(d -> String.valueOf(d.get("_id"))).into(new ArrayList<>()))
                    .containsExactly("2.5", "3", "10", "a", "b");
        }
    }

    private static List<String> ids(FindIterable<Document> found) {
        return found.map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    @Test
    void theHelperIndexesOfEarlierVersionsAreDroppedWhenTheHubOpensTheStore() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            orders.createIndex(Indexes.ascending("_id", "_digest"), new IndexOptions().unique(true).name("order_digest"));
            indexes(orders);
            new OrderRepository(client.getDatabase("orderhub"));
            new DeliveryRepository(client.getDatabase("orderhub"));
            List<String> names = orders.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
            assertThat(names).contains("_id_", "order_identity").doesNotContain("order_digest", "delivery_version");
        }
    }

    /** The data size is counted when asked (not kept on every write), and still follows inserts, updates and deletes. */
    @Test
    void collStatsReportsTheSizeOfTheDocumentsAsTheyAreNow() {
        long grownLeft;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = orders(client);
            orders.insertOne(order("ord_1", "1"));
            orders.insertOne(order("ord_2", "2"));
            long two = dataSize(client);
            assertThat(two).isPositive();

            orders.updateOne(Filters.eq("_id", "ord_1"), Updates.set("note", "x".repeat(1000)));
            long grown = dataSize(client);
            assertThat(grown).isGreaterThanOrEqualTo(two + 1000);

            orders.deleteOne(Filters.eq("_id", "ord_2"));
            // The two orders were of one size, so the one left is half of the two plus its note.
            grownLeft = grown - two / 2;
            assertThat(dataSize(client)).isEqualTo(grownLeft);
        }
        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.start(dir.toString(), 0);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            assertThat(dataSize(client)).as("after a restart").isEqualTo(grownLeft);
        }
    }

    private static long dataSize(MongoClient client) {
        Document stats = client.getDatabase("orderhub").runCommand(new Document("collStats", "orders"));
        return ((Number) stats.get("size")).longValue();
    }
}
