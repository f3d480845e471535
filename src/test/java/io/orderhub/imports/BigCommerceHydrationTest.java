package io.orderhub.imports;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Thin BigCommerce events are hydrated from the V2 API; when it fails nothing half-made is kept. */
@HubTest
class BigCommerceHydrationTest extends HubTestSupport {

    private static final Fixture CREATED = Fixture.named("b01_order_created_hydrated");

    @Autowired
    MongoDatabase database;

    @AfterEach
    void apiBackToNormal() {
        PLATFORM_APIS.failWith(0);
    }

    @Test
    void unreachableApiIsRefusedWith503AndRetryAfterThenTheRetrySucceeds() {
        PLATFORM_APIS.failWith(502);
        int before = PLATFORM_APIS.requests();

        Answer refused = hub().post(CREATED.last());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("7");
        assertThat(refused.json().path("detail").asText()).contains("BigCommerce API");
        // The refusal can go out while the other resources' last attempts are still on their way.
        int calls = Poll.until(Duration.ofSeconds(5), () -> PLATFORM_APIS.requests() - before, n -> n >= 9);
        assertThat(calls).as("3 resources x 3 attempts").isEqualTo(9);
        assertThat(database.getCollection("orders").countDocuments()).isZero();

        PLATFORM_APIS.failWith(0);
        Answer retried = hub().post(CREATED.last());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    }

    @Test
    void eventForAnOrderTheApiDoesNotKnowIsDeadLettered() {
        String body = CREATED.last().rawBody().replace("\"id\":101", "\"id\":999999");
        assertThat(body).contains("999999");

        Answer answer = hub().post(new Fixture.Delivery(CREATED.last().headers(), body));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.field("status")).isEqualTo("dead_lettered");
        assertThat(answer.field("reason")).contains("999999");
    }
}
