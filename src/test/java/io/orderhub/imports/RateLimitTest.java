package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A store that sends faster than its rate is told to come back later; other stores are not affected. */
@HubTest
@TestPropertySource(properties = {"orderhub.gateway.rate-per-store-per-second=0.2", "orderhub.gateway.rate-burst-per-store=2"})
class RateLimitTest extends HubTestSupport {

    private static final Fixture WOO = Fixture.named("w01_order_created_processing");
    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");

    @Test
    void storeOverItsRateGets429WithRetryAfterWhileOtherStoresGoOn() {
        for (int i = 0; i < 2; i++) {
            int id = 9100 + i;
            assertThat(hub().post(Deliveries.withFields(WOO, body -> body.put("id", id))).status()).isEqualTo(201);
        }

        Answer limited = hub().post(Deliveries.withFields(WOO, body -> body.put("id", 9199)));

        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 5);
        assertThat(limited.json().path("detail").asText()).contains("shop.example.com");
        assertThat(hub().post(SHOPIFY.last()).status()).as("another store").isEqualTo(201);
    }
}
