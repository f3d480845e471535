package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import com.mongodb.client.MongoDatabase;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.Concurrently;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Fifty copies of one order at once create exactly one order, on one hub and across two. */
@HubTest
class ConcurrentImportTest extends HubTestSupport {

    private static final int COPIES = 50;
    private static final Fixture ORDER = Fixture.named("s01_orders_create_paid_two_items");

    @Autowired
    MongoDatabase database;

    @Test
    void fiftyConcurrentCopiesOfOneOrderCreateItOnce() throws Exception {
        List<Answer> answers = postConcurrently(i -> hub());

        assertExactlyOneCreatedAndTheRestDuplicates(answers);
        assertThat(database.getCollection("orders").countDocuments()).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentCopiesSentToTwoHubsSharingStoreAndRedisCreateItOnce() throws Exception {
        TestRedis.flush();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start("", 0);
                HubProcess first = HubProcess.start(store.connectionString(), PLATFORM_APIS.baseUrl(), Map.of());
                HubProcess second = HubProcess.start(store.connectionString(), PLATFORM_APIS.baseUrl(), Map.of())) {
            List<Answer> answers = postConcurrently(i -> i % 2 == 0 ? first.client() : second.client());

            assertExactlyOneCreatedAndTheRestDuplicates(answers);
            assertThat(first.bean(MongoDatabase.class).getCollection("orders").countDocuments()).isEqualTo(1);
        }
    }

    private List<Answer> postConcurrently(IntFunction<HubClient> hubForCopy) throws Exception {
        List<Callable<Answer>> posts = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            HubClient hub = hubForCopy.apply(i);
            posts.add(() -> hub.post(ORDER.last()));
        }
        return Concurrently.runAtOnce(posts);
    }

    private static void assertExactlyOneCreatedAndTheRestDuplicates(List<Answer> answers) {
        List<Answer> created = answers.stream().filter(a -> a.status() == 201).toList();
        assertThat(created).as("201 answers").hasSize(1);
        assertThat(created.get(0).field("status")).isEqualTo("created");
        String orderId = created.get(0).field("order_id");
        String processedAt = created.get(0).field("processed_at");
        assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(COPIES - 1).allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.field("status")).isEqualTo("duplicate");
            assertThat(a.field("order_id")).isEqualTo(orderId);
            assertThat(a.field("processed_at")).isEqualTo(processedAt);
        });
    }
}
