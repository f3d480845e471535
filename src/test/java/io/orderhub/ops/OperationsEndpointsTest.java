package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** After a mixed run, operators find every import metric with the right counts, and health that means something. */
@HubTest
@AutoConfigureObservability
class OperationsEndpointsTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");

    @Test
    void prometheusShowsEveryImportMetricWithTheRightCountsAfterAMixedRun() {
        hub().post(SHOPIFY.last());                                          // created
        hub().post(SHOPIFY.last());                                          // duplicate, from the cache
        hub().post(Fixture.named("s03_update_fulfilled").deliveries().get(0)); // created
        hub().post(Fixture.named("s03_update_fulfilled").last());            // updated
        hub().post(Fixture.named("s05_non_order_topic_ignored").last());     // ignored
        hub().post(Deliveries.withFields(SHOPIFY, body -> body.putNull("id"))); // dead_lettered
        hub().post(Fixture.named("s04_wrong_signature").last());              // rejected 401
        hub().post(Deliveries.withHeaders(SHOPIFY.last(), Map.of("Content-Type", "text/plain"))); // rejected 415
        hub().post(Fixture.named("w01_order_created_processing").last());    // created, woocommerce
        hub().post("/import-orders", Map.of("Content-Type", "application/json"),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));        // rejected 400, no platform

        PrometheusText metrics = Poll.until(Duration.ofSeconds(5), this::scrape,
                m -> m.sum("orderhub_assignment_transitions_total", Map.of()) > 0);

        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "shopify", "outcome", "created"))).isEqualTo(2);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "shopify", "outcome", "duplicate"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "shopify", "outcome", "updated"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "shopify", "outcome", "ignored"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "shopify", "outcome", "dead_lettered"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("outcome", "rejected", "reason", "401-unauthorized"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("outcome", "rejected", "reason", "415-unsupported-media-type")))
                .isEqualTo(1);
        assertThat(metrics.sum("orderhub_imports_total", Map.of("platform", "woocommerce", "outcome", "created"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_import_latency_seconds_count", Map.of("platform", "shopify"))).isEqualTo(8);
        assertThat(metrics.sum("orderhub_import_latency_seconds_count", Map.of("platform", "unknown")))
                .as("refused before its platform was known").isEqualTo(1);
        assertThat(metrics.has("orderhub_import_latency_seconds_bucket")).as("a latency histogram").isTrue();
        assertThat(metrics.sum("orderhub_idempotency_cache_total", Map.of("result", "hit"))).isEqualTo(1);
        assertThat(metrics.sum("orderhub_idempotency_cache_total", Map.of("result", "miss"))).isEqualTo(3);
        assertThat(metrics.sum("mongodb_driver_commands_seconds_count", Map.of("command", "insert"))).isGreaterThanOrEqualTo(3);
        assertThat(metrics.has("lettuce_command_completion_seconds_count")).as("Redis latency").isTrue();
        assertThat(metrics.has("orderhub_idempotency_fallbacks_total")).isTrue();
        assertThat(metrics.sum("orderhub_partner_breaker_state", Map.of())).isEqualTo(0);
        assertThat(metrics.has("orderhub_partner_breaker_calls_total")).isTrue();
        assertThat(metrics.sum("orderhub_assignment_transitions_total", Map.of("status", "assigning"))).isGreaterThan(0);
        assertThat(metrics.has("orderhub_dashboard_connections")).isTrue();
        assertThat(metrics.has("orderhub_queue_depth")).isTrue();
        assertThat(metrics.has("camel_exchanges_total")).as("Camel's own route metrics").isTrue();
    }

    @Test
    void healthSaysWhetherTheHubAcceptsOrdersAndShowsItsComponents() {
        JsonNode health = hub().get("/actuator/health").json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("orderStore").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("redis").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("partnerService").path("details").path("breaker").asText()).isEqualTo("CLOSED");
        Answer readiness = hub().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").has("acceptance")).isTrue();
        assertThat(hub().get("/actuator/health/liveness").json().path("status").asText()).isEqualTo("UP");
    }

    private PrometheusText scrape() {
        Answer answer = hub().get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return new PrometheusText(answer.body());
    }
}
