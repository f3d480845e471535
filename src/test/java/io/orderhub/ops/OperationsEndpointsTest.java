package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.dashboard.DashboardSockets;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import io.orderhub.support.PrometheusText;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** After a mixed run, operators find every import metric with the right counts, and health that means something. */
@HubTest
@AutoConfigureObservability
class OperationsEndpointsTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final String IMPORTS = "orderhub_imports_total";
    private static final String CACHE = "orderhub_idempotency_cache_total";

    @Autowired
    DashboardSockets sockets;

    @Autowired
    CamelContext camel;

    @Test
    void prometheusShowsEveryImportMetricWithTheRightCountsAfterAMixedRun() {
        Fixture update = Fixture.named("s03_update_fulfilled");
        try (DashboardSocket dashboard = DashboardSocket.connect(sockets.port(), "test-dashboard-token")) {
            dashboard.next(Duration.ofSeconds(10));                             // admitted: its snapshot came
            hub().post(SHOPIFY.last());                                          // created
            hub().post(SHOPIFY.last());                                          // duplicate, from the cache
            hub().post(update.deliveries().get(0));                              // created
            hub().post(update.last());                                           // updated
            hub().post(Deliveries.withHeaders(Deliveries.withFields(update,      // stale: older than the update
                    body -> body.put("updated_at", "2026-11-21T03:00:00-05:00")), Map.of("X-Shopify-Event-Id", "evt-older")));
            hub().post(Fixture.named("s05_non_order_topic_ignored").last());     // ignored
            hub().post(Deliveries.withFields(SHOPIFY, body -> body.putNull("id"))); // dead_lettered
            hub().post(Fixture.named("s04_wrong_signature").last());              // rejected 401
            hub().post(Deliveries.withHeaders(SHOPIFY.last(), Map.of("Content-Type", "text/plain"))); // rejected 415
            hub().post(Fixture.named("w01_order_created_processing").last());    // created, woocommerce
            hub().post("/import-orders", Map.of("Content-Type", "application/json"),
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));        // rejected 400, no platform
            hub().get("/actuator/health");                                       // not a delivery: timed by Spring

            // Settled: every created order assigned, and every order event on its way to the dashboard.
            PrometheusText metrics = Poll.until(Duration.ofSeconds(15), this::scrape,
                    m -> m.sum("orderhub_assignment_time_to_assign_seconds_count", Map.of()) == 3
                            && m.sum("orderhub_queue_depth", Map.of()) == 0
                            && m.sum("orderhub_dashboard_feed_events_total", Map.of()) == expectedDashboardEvents(m)
                            && m.sum("http_server_requests_seconds_count", Map.of("uri", "/actuator/health")) == 1);

            // Imports by platform and outcome, refusals by reason.
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "created"))).isEqualTo(2);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "duplicate"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "updated"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "stale"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "ignored"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "shopify", "outcome", "dead_lettered"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("outcome", "queued"))).as("the store never went away").isZero();
            assertThat(metrics.sum(IMPORTS, Map.of("outcome", "rejected", "reason", "401-unauthorized"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("outcome", "rejected", "reason", "415-unsupported-media-type")))
                    .isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "unknown", "outcome", "rejected", "reason",
                    "400-unknown-platform"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of("platform", "woocommerce", "outcome", "created"))).isEqualTo(1);
            assertThat(metrics.sum(IMPORTS, Map.of())).as("one answer per delivery").isEqualTo(11);

            // End-to-end latency, a histogram by platform: one observation per answer.
            assertThat(metrics.sum("orderhub_import_latency_seconds_count", Map.of("platform", "shopify"))).isEqualTo(9);
            assertThat(metrics.sum("orderhub_import_latency_seconds_count", Map.of("platform", "woocommerce"))).isEqualTo(1);
            assertThat(metrics.sum("orderhub_import_latency_seconds_count", Map.of("platform", "unknown")))
                    .as("refused before its platform was known").isEqualTo(1);
            assertThat(metrics.sum("orderhub_import_latency_seconds_bucket", Map.of("platform", "shopify", "le", "+Inf")))
                    .as("the histogram's last bucket holds every observation").isEqualTo(9);

            // The idempotency cache: the redelivery answered from it, the three new orders missed, the update
            // and the stale version known (their order is stored, so the store decides), no fallback.
            assertThat(metrics.sum(CACHE, Map.of("result", "hit"))).isEqualTo(1);
            assertThat(metrics.sum(CACHE, Map.of("result", "miss"))).isEqualTo(3);
            assertThat(metrics.sum(CACHE, Map.of("result", "known"))).isEqualTo(2);
            assertThat(metrics.sum("orderhub_idempotency_fallbacks_total", Map.of())).as("Redis stayed up").isZero();
            assertThat(metrics.has("orderhub_idempotency_fallbacks_total")).isTrue();

            // Store and Redis latency: timers of every command, so at least one per stored order and look-up.
            assertThat(metrics.sum("mongodb_driver_commands_seconds_count", Map.of("command", "insert")))
                    .isGreaterThanOrEqualTo(4);
            // The same commands by the path that waits for them: each new order's insert holds up its answer; the
            // assignment that followed (claims, transitions, the Partner Service's reservations) did not.
            assertThat(metrics.sum("orderhub_store_commands_total", Map.of("path", "request", "command", "insert",
                    "collection", "orders"))).isGreaterThanOrEqualTo(3);
            assertThat(metrics.sum("orderhub_store_commands_total", Map.of("path", "background", "collection",
                    "partner_assignments"))).as("reservations written after the answers (a batch's in one insert)").isPositive();
            assertThat(metrics.sum("orderhub_store_commands_total", Map.of("path", "request", "collection",
                    "partner_assignments"))).as("no reservation on the request path").isZero();
            assertThat(metrics.sum("lettuce_command_completion_seconds_count", Map.of()))
                    .as("Redis latency: one command at least per cache look-up").isGreaterThanOrEqualTo(6);

            // The Partner Service breaker: closed, every call a success.
            assertThat(metrics.sum("orderhub_partner_breaker_state", Map.of())).isZero();
            assertThat(metrics.sum("orderhub_partner_breaker_calls_total", Map.of("result", "failure"))).isZero();
            assertThat(metrics.sum("orderhub_partner_breaker_calls_total", Map.of("result", "not_permitted"))).isZero();
            // One call per batch of new orders: the three came in one to three batches.
            assertThat(metrics.sum("orderhub_partner_breaker_calls_total", Map.of("result", "success"))).isBetween(1.0, 3.0);

            // The assignment timeline: each of the three new orders went assigning → assigned.
            assertThat(metrics.sum("orderhub_assignment_transitions_total", Map.of("status", "assigning"))).isEqualTo(3);
            assertThat(metrics.sum("orderhub_assignment_transitions_total", Map.of("status", "assigned"))).isEqualTo(3);
            assertThat(metrics.sum("orderhub_assignment_time_to_assign_seconds_count", Map.of())).isEqualTo(3);

            // The dashboard: this client connected; every event sent (3 created, 1 updated, 1 dead-lettered and
            // the 6 delivery changes), nothing dropped.
            assertThat(metrics.sum("orderhub_dashboard_connections", Map.of())).isEqualTo(1);
            assertThat(metrics.sum("orderhub_dashboard_feed_events_total", Map.of("outcome", "sent"))).isEqualTo(11);
            assertThat(metrics.sum("orderhub_dashboard_feed_events_total", Map.of("outcome", "dropped"))).isZero();

            // Queues: drained, each one's gauge there.
            assertThat(metrics.sumBy("orderhub_queue_depth", Map.of(), "queue").keySet())
                    .contains("import", "order-events", "delivery-history");
            assertThat(metrics.sum("orderhub_queue_depth", Map.of("queue", "import"))).isZero();
            assertThat(metrics.sum("orderhub_queue_depth", Map.of("queue", "order-events"))).isZero();
            assertThat(metrics.sum("orderhub_queue_depth", Map.of("queue", "delivery-history"))).isZero();
            assertThat(metrics.sum("camel_exchanges_total", Map.of("routeId", "import-gateway")))
                    .as("Camel's own route metrics: one exchange per delivery").isEqualTo(11);
            assertThat(metrics.sum("camel_exchanges_total", Map.of("eventType", "context")))
                    .as("route meters only, no context-wide series that sums them").isZero();
            assertThat(metrics.sum("camel_routes_running_routes", Map.of())).as("Camel's route gauges").isPositive();
            assertThat(camel.getCamelContextExtension().isEventNotificationApplicable())
                    .as("no exchange events made for notifiers that read none").isFalse();

            // Deliveries are counted by orderhub_imports_total above, not again by Spring's generic HTTP timer,
            // which other requests keep (the health check waited for above).
            assertThat(metrics.sum("http_server_requests_seconds_count", Map.of("uri", "/import-orders"))).isZero();
        }
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

    /** Every order event goes to the dashboard: created, updated, dead-lettered, and each delivery change. */
    private static double expectedDashboardEvents(PrometheusText metrics) {
        return 3 + 1 + 1 + metrics.sum("orderhub_assignment_transitions_total", Map.of());
    }
}
