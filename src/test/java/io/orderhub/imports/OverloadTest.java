package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.ops.ImportMetrics;
import io.orderhub.support.Concurrently;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One request thread, no queue, and a group commit that holds each insert for half a second: deliveries that
 * arrive meanwhile find no thread. They are refused with 503 and Retry-After, never 500, and none is stored.
 */
@HubTest
@TestPropertySource(properties = {"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
        "spring.task.execution.pool.queue-capacity=0", "orderhub.store.group-commit.linger=500ms"})
class OverloadTest extends HubTestSupport {

    @Autowired
    MongoDatabase database;

    @Autowired
    MeterRegistry meters;

    private static final Fixture WOO = Fixture.named("w01_order_created_processing");

    @Test
    void requestsFindingNoThreadAre503WithRetryAfterAndNothingOfThemIsKept() throws Exception {
        List<Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int id = 9300 + i;
            calls.add(() -> hub().post(Deliveries.withFields(WOO, body -> body.put("id", id))));
        }

        List<Answer> answers = Concurrently.runAtOnce(calls);

        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 503));
        assertThat(refused).as("refused for want of a thread").isNotEmpty();
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.retryAfter()).isEqualTo("1");
            assertThat(a.json().path("type").asText()).endsWith("/overloaded");
        });
        Counter counted = meters.find(ImportMetrics.IMPORTS).tag("outcome", "rejected").tag("reason", "503-overloaded").counter();
        assertThat(counted).as("refusals counted with the import answers").isNotNull();
        assertThat(counted.count()).isEqualTo(refused.size());
        long created = answers.stream().filter(a -> a.status() == 201).count();
        // Read from the store itself: the hub's one request thread may be busy with the embedded Partner Service.
        assertThat(database.getCollection("orders").countDocuments()).as("only the answered orders are stored")
                .isEqualTo(created);
    }
}
