package io.orderhub.reconcile;

import static io.orderhub.reconcile.ReconcileFixtures.SHOPIFY_STORE;
import static io.orderhub.reconcile.ReconcileFixtures.SHOPIFY_TOKEN;
import static io.orderhub.reconcile.ReconcileFixtures.WOO_KEY;
import static io.orderhub.reconcile.ReconcileFixtures.WOO_SECRET;
import static io.orderhub.reconcile.ReconcileFixtures.WOO_STORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation against the platforms' order APIs served over real HTTP: orders the webhooks missed are
 * found and created once, through the webhook's own path; what is stored stays as it is unless the API has
 * a newer version; a run that breaks off resumes at its checkpoint.
 */
@HubTest
class ReconciliationTest extends ReconcileTestSupport {

    @Test
    void missingOrdersAreCreatedOnceStoredOnesUntouchedAndNewerVersionsApplied() {
        Answer arrived = hub().post(ReconcileFixtures.shopifyWebhook(9001, "2026-11-20T10:00:00-05:00"));
        Answer older = hub().post(ReconcileFixtures.shopifyWebhook(9002, "2026-11-20T10:00:00-05:00"));
        assertThat(List.of(arrived.status(), older.status())).containsOnly(201);
        API.serve("shopify", List.of(
                ReconcileFixtures.shopifyOrder(9001, "2026-11-20T10:00:00-05:00"),
                ReconcileFixtures.shopifyOrder(9002, "2026-11-20T11:30:00-05:00"),
                ReconcileFixtures.shopifyOrder(9003, "2026-11-20T12:00:00-05:00"),
                ReconcileFixtures.shopifyOrder(9004, "2026-11-20T12:10:00-05:00"),
                ReconcileFixtures.shopifyOrder(9005, "2026-11-20T12:20:00-05:00")));
        API.fail("shopify", 2, 429);
        API.fail("shopify", 3, 503);

        Answer run = reconcile("shopify", SHOPIFY_STORE);

        assertThat(run.status()).as("%s", run).isEqualTo(200);
        assertThat(run.json().path("pages").asInt()).isEqualTo(3);
        assertThat(run.json().path("outcomes").toString())
                .isEqualTo("{\"duplicate\":1,\"updated\":1,\"created\":3}");
        assertThat(API.pageRequests()).containsExactly("shopify:1", "shopify:2", "shopify:2", "shopify:3", "shopify:3");
        assertThat(API.credentials()).containsOnly(SHOPIFY_TOKEN);
        JsonNode untouched = hub().get("/orders/" + arrived.field("order_id")).json();
        assertThat(untouched.path("source").path("topic").asText()).isEqualTo("orders/create");
        JsonNode updated = hub().get("/orders/" + older.field("order_id")).json();
        assertThat(updated.path("updated_at").asText()).isEqualTo("2026-11-20T16:30:00Z");
        assertThat(updated.path("source").path("topic").asText()).isEqualTo("reconcile");
        for (long id : new long[] {9003, 9004, 9005}) {
            JsonNode found = ordersOf("shopify", id);
            assertThat(found).as("order %s", id).hasSize(1);
            assertThat(found.get(0).path("source").path("topic").asText()).isEqualTo("reconcile");
        }

        Answer again = reconcile("shopify", SHOPIFY_STORE);
        assertThat(again.json().path("outcomes").toString()).isEqualTo("{\"duplicate\":5}");
        for (long id : new long[] {9003, 9004, 9005}) {
            assertThat(ordersOf("shopify", id)).as("order %s", id).hasSize(1);
        }

        Answer stores = hub().admin("GET", "/admin/stores");
        assertThat(stores.body()).doesNotContain(SHOPIFY_TOKEN);
        JsonNode shopify = store(stores, "shopify", SHOPIFY_STORE);
        assertThat(shopify.path("api").path("access_token").asText()).isEqualTo("********");
        assertThat(shopify.path("missing_found").asInt()).isEqualTo(3);
        assertThat(shopify.path("last_webhook_at").isTextual()).isTrue();
        assertThat(shopify.path("webhooks_stale").asBoolean()).as("webhooks arrive").isFalse();
    }

    @Test
    void aRunThatBreaksOffBetweenPagesResumesAtItsCheckpointWithoutLossOrDuplicate() {
        API.serve("woocommerce", List.of(
                ReconcileFixtures.wooOrder(8001, "2026-11-20T12:00:00"),
                ReconcileFixtures.wooOrder(8002, "2026-11-20T12:01:00"),
                ReconcileFixtures.wooOrder(8003, "2026-11-20T12:02:00"),
                ReconcileFixtures.wooOrder(8004, "2026-11-20T12:03:00"),
                ReconcileFixtures.wooOrder(8005, "2026-11-20T12:04:00")));
        API.failForGood("woocommerce", 3, 502);

        Answer broken = reconcile("woocommerce", WOO_STORE);

        assertThat(broken.status()).as("%s", broken).isEqualTo(503);
        JsonNode checkpoint = store(hub().admin("GET", "/admin/stores"), "woocommerce", WOO_STORE).path("reconcile");
        assertThat(checkpoint.path("in_progress").asBoolean()).isTrue();
        assertThat(checkpoint.path("position").asText()).as("after the last order of the pages stored")
                .contains("\"at\":\"2026-11-20T12:02:00Z\"").contains("\"read\":[\"8003\"]");
        assertThat(checkpoint.path("last_error").asText()).contains("HTTP 502");
        assertThat(ordersOf("woocommerce", 8003)).hasSize(1);
        assertThat(ordersOf("woocommerce", 8004)).isEmpty();

        API.heal();
        API.reset();
        Answer resumed = reconcile("woocommerce", WOO_STORE);

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(API.queries().get(0).from()).as("from the checkpoint, not the window's start")
                .isEqualTo(Instant.parse("2026-11-20T12:01:59Z"));
        assertThat(resumed.json().path("outcomes").toString()).isEqualTo("{\"created\":2}");
        for (long id = 8001; id <= 8005; id++) {
            assertThat(ordersOf("woocommerce", id)).as("order %s", id).hasSize(1);
        }
        assertThat(API.credentials()).allMatch(auth -> auth.equals("Basic " + Base64.getEncoder()
                .encodeToString((WOO_KEY + ":" + WOO_SECRET).getBytes())));
        Answer stores = hub().admin("GET", "/admin/stores");
        assertThat(stores.body()).doesNotContain(WOO_SECRET).doesNotContain(WOO_KEY);
        JsonNode woo = store(stores, "woocommerce", WOO_STORE);
        assertThat(woo.path("reconcile").path("in_progress").asBoolean()).isFalse();
        assertThat(woo.path("missing_found").asInt()).isEqualTo(5);
        assertThat(woo.path("webhooks_stale").asBoolean()).as("no webhook ever, orders found missing").isTrue();
    }

    @Test
    void aStoreWithoutAnApiBlockCannotBeReconciled() {
        assertThat(reconcile("shopify", "unknown-shop.myshopify.com").status()).isEqualTo(404);
        assertThat(hub().request("POST", "/admin/stores/shopify/" + SHOPIFY_STORE + "/reconcile",
                Map.of(), null).status()).isEqualTo(401);
    }

    private Answer reconcile(String platform, String storeUid) {
        return hub().admin("POST", "/admin/stores/" + platform + "/" + storeUid + "/reconcile");
    }

    private JsonNode ordersOf(String platform, long platformOrderId) {
        return hub().get("/orders?platform=" + platform + "&platform_order_id=" + platformOrderId).json().path("items");
    }

    private static JsonNode store(Answer stores, String platform, String storeUid) {
        return StreamSupport.stream(stores.json().path("items").spliterator(), false)
                .filter(s -> platform.equals(s.path("platform").asText()) && storeUid.equals(s.path("store_uid").asText()))
                .findFirst().orElseThrow();
    }
}
