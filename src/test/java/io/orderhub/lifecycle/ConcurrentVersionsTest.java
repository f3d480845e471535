package io.orderhub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.Concurrently;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Test;

/** Two hubs sharing one store and Redis apply twenty versions of one order at once: the newest wins. */
class ConcurrentVersionsTest {

    private static final int VERSIONS = 20;

    @Test
    void twoHubsApplyingVersionsConcurrentlyEndWithTheNewestAndOneOrder() throws Exception {
        TestRedis.flush();
        ShopifyVersions order = new ShopifyVersions(7101);
        List<Fixture.Delivery> versions = new ArrayList<>();
        OffsetDateTime first = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.ofHours(-5));
        for (int i = 0; i < VERSIONS; i++) {
            String note = "version " + i;
            versions.add(order.at(first.plusMinutes(i).toString(), "orders/updated", body -> body.put("note", note)));
        }
        List<Fixture.Delivery> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(42));

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start("", 0);
                HubProcess a = HubProcess.start(store.connectionString(), null, Map.of());
                HubProcess b = HubProcess.start(store.connectionString(), null, Map.of())) {
            List<Answer> answers = postAllAtOnce(shuffled, a, b);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(200, 201));
            assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
            assertThat(answers).extracting(answer -> answer.field("order_id")).containsOnly(answers.get(0).field("order_id"));
            MongoDatabase database = a.bean(MongoDatabase.class);
            assertThat(database.getCollection("orders").countDocuments(Filters.eq("idempotency_key", order.key()))).isEqualTo(1);
            JsonNode stored = a.client().get("/orders/" + answers.get(0).field("order_id")).json();
            assertThat(stored.path("note").asText()).isEqualTo("version " + (VERSIONS - 1));
            assertThat(stored.path("updated_at").asText()).isEqualTo("2026-11-20T15:19:00Z");
            System.out.printf("CONCURRENT-VERSIONS: sent=%d created=%d updated=%d stale=%d duplicate=%d%n", VERSIONS,
                    count(answers, "created"), count(answers, "updated"), count(answers, "stale"), count(answers, "duplicate"));
        }
    }

    private static List<Answer> postAllAtOnce(List<Fixture.Delivery> deliveries, HubProcess a, HubProcess b)
            throws Exception {
        List<Callable<Answer>> posts = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Fixture.Delivery delivery = deliveries.get(i);
            HubProcess hub = i % 2 == 0 ? a : b;
            posts.add(() -> hub.client().post(delivery));
        }
        return Concurrently.runAtOnce(posts);
    }

    private static long count(List<Answer> answers, String status) {
        return answers.stream().filter(answer -> status.equals(answer.field("status"))).count();
    }
}
