package io.orderhub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reconciliation of a store of every platform with an API, against its listing served over real HTTP in the
 * platform's documented shape, two orders a page: every order the listing holds is imported once through the
 * platform's route and mapping file, whatever happens during the run (an order changed, 429s, 5xx, a crash).
 */
@HubTest
class EveryPlatformReconciliationTest extends ReconcileTestSupport {

    static List<Listing> platforms() {
        return Listings.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void anOrderChangedDuringARunSkipsNoOtherOrderThroughRateLimitsAndServerErrors(Listing platform) {
        List<JsonNode> orders = orders(platform, 101, Instant.parse("2026-11-20T10:00:00Z"), Duration.ofMinutes(1));
        API.serve(platform.platform(), orders);
        // The last order of the first page changes once that page is read: an offset would now skip the next one.
        API.changeAfterPage(platform.platform(), 1, platform.id(orders.get(1)), Instant.parse("2026-11-20T11:00:00Z"));
        API.fail(platform.platform(), 2, 429);
        API.fail(platform.platform(), 3, 503);

        Answer run = reconcile(platform);

        assertThat(run.status()).as("%s", run).isEqualTo(200);
        assertThat(run.json().path("status").asText()).isEqualTo("completed");
        assertThat(run.json().path("outcomes").path("created").asInt()).as("%s", run).isEqualTo(5);
        // Read again after its change: an update where the listing carries the order, a duplicate where the route
        // hydrates it (the first read already fetched the changed order).
        JsonNode outcomes = run.json().path("outcomes");
        assertThat(outcomes.path("updated").asInt() + outcomes.path("duplicate").asInt()).as("%s", run).isEqualTo(1);
        assertThat(API.pageRequests()).as("the 429 and the 503 retried")
                .containsSubsequence(platform.platform() + ":2", platform.platform() + ":2", platform.platform() + ":3",
                        platform.platform() + ":3");
        assertThat(API.credentials()).doesNotContainNull();
        for (JsonNode order : orders) {
            assertThat(ordersOf(platform, order)).as("order %s", platform.storedId(order)).hasSize(1);
            assertThat(ordersOf(platform, order).get(0).path("source").path("topic").asText()).isEqualTo("reconcile");
        }
        assertThat(ordersOf(platform, orders.get(1)).get(0).path("updated_at").asText())
                .isEqualTo("2026-11-20T11:00:00Z");

        API.reset();
        Answer again = reconcile(platform);
        assertThat(again.json().path("outcomes").toString()).as("%s", again).isEqualTo("{\"duplicate\":5}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void aRunThatBreaksOffResumesAtItsCheckpointWithoutLossOrDuplicate(Listing platform) {
        List<JsonNode> orders = orders(platform, 201, Instant.parse("2026-11-21T10:00:00Z"), Duration.ofMinutes(1));
        API.serve(platform.platform(), orders);
        API.failForGood(platform.platform(), 3, 502);

        Answer broken = reconcile(platform);

        assertThat(broken.status()).as("%s", broken).isEqualTo(503);
        JsonNode checkpoint = store(platform).path("reconcile");
        assertThat(checkpoint.path("in_progress").asBoolean()).isTrue();
        assertThat(checkpoint.path("position").isTextual()).as("the page after the last stored").isTrue();
        assertThat(checkpoint.path("last_error").asText()).contains("HTTP 502");
        long storedBefore = orders.stream().filter(order -> ordersOf(platform, order).size() == 1).count();
        assertThat(storedBefore).isBetween(2L, 4L);

        API.heal();
        API.reset();
        Answer resumed = reconcile(platform);

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(resumed.json().path("outcomes").toString()).as("only what was not stored")
                .isEqualTo("{\"created\":" + (5 - storedBefore) + "}");
        for (JsonNode order : orders) {
            assertThat(ordersOf(platform, order)).as("order %s", platform.storedId(order)).hasSize(1);
        }
        assertThat(store(platform).path("reconcile").path("in_progress").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void moreOrdersChangedInOneSecondThanAPageHoldsAreAllRead(Listing platform) {
        List<JsonNode> orders = orders(platform, 301, Instant.parse("2026-11-22T10:00:00Z"), Duration.ZERO);
        API.serve(platform.platform(), orders);

        Answer run = reconcile(platform);

        assertThat(run.status()).as("%s", run).isEqualTo(200);
        assertThat(run.json().path("outcomes").toString()).isEqualTo("{\"created\":5}");
        for (JsonNode order : orders) {
            assertThat(ordersOf(platform, order)).as("order %s", platform.storedId(order)).hasSize(1);
        }
    }

    /** Five orders, numbered from {@code first}, changed {@code step} apart from {@code start}. */
    static List<JsonNode> orders(Listing platform, long first, Instant start, Duration step) {
        return LongStream.range(0, 5).mapToObj(i -> platform.order(first + i, start.plus(step.multipliedBy(i)))).toList();
    }

    private Answer reconcile(Listing platform) {
        return hub().admin("POST", "/admin/stores/" + platform.platform() + "/" + platform.storeUid() + "/reconcile");
    }

    private JsonNode ordersOf(Listing platform, JsonNode order) {
        return hub().get("/orders?platform=" + platform.platform() + "&platform_order_id=" + platform.storedId(order))
                .json().path("items");
    }

    private JsonNode store(Listing platform) {
        return StreamSupport.stream(hub().admin("GET", "/admin/stores").json().path("items").spliterator(), false)
                .filter(s -> platform.platform().equals(s.path("platform").asText())
                        && platform.storeUid().equals(s.path("store_uid").asText()))
                .findFirst().orElseThrow();
    }
}
