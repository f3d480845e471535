package io.orderhub.dashboard;

import static io.orderhub.reconcile.ReconcileFixtures.SHOPIFY_STORE;
import static io.orderhub.reconcile.ReconcileFixtures.WOO_STORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.reconcile.ReconcileTestSupport;
import io.orderhub.reconcile.ReconcileFixtures;
import io.orderhub.support.Browser;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.Poll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhook health on the dashboard: every store is listed with its last webhook and the orders reconciliation
 * found missing, and a store whose webhooks stopped (reconciliation finds orders, no webhook arrives) is
 * flagged, live on the WebSocket and on the page in Chromium.
 */
@HubTest
@TestPropertySource(properties = {"orderhub.dashboard.stores-interval=200ms",
        "orderhub.platforms.shopify.webhook-secret=" + StoreHealthDashboardTest.SHOPIFY_APP_SECRET})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreHealthDashboardTest extends ReconcileTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "test-dashboard-token";
    static final String SHOPIFY_APP_SECRET = "shpss_app_wide_secret_of_the_test";
    private static final String UNCONFIGURED_SHOP = "app-only-outfitters.myshopify.com";

    @Autowired
    DashboardSockets sockets;

    @Test
    @Order(1)
    void aStoreWhoseMissingOrdersNeverCameAsWebhooksIsFlaggedLiveButOneWithArrivingWebhooksIsNot() {
        try (DashboardSocket client = DashboardSocket.connect(sockets.port(), TOKEN)) {
            JsonNode snapshot = client.next(WAIT);
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            JsonNode woo = store(snapshot.path("stores"), "woocommerce", WOO_STORE);
            assertThat(woo.path("reconciled").asBoolean()).isTrue();
            assertThat(woo.path("last_webhook_at").isNull()).isTrue();
            assertThat(woo.path("missing_found").asLong()).isZero();
            assertThat(woo.path("webhooks_stale").asBoolean()).as("nothing found missing yet").isFalse();

            // Shopify: webhooks arrive, and reconciliation still finds one order they missed.
            assertThat(hub().post(Fixture.named("s01_orders_create_paid_two_items").last()).status()).isEqualTo(201);
            API.serve("shopify", List.of(ReconcileFixtures.shopifyOrder(9101, "2026-11-20T12:00:00-05:00")));
            assertThat(reconcile("shopify", SHOPIFY_STORE).status()).isEqualTo(200);
            // WooCommerce: no webhook ever, and reconciliation finds three orders.
            API.serve("woocommerce", List.of(ReconcileFixtures.wooOrder(8101, "2026-11-20T12:00:00"),
                    ReconcileFixtures.wooOrder(8102, "2026-11-20T12:01:00"),
                    ReconcileFixtures.wooOrder(8103, "2026-11-20T12:02:00")));
            assertThat(reconcile("woocommerce", WOO_STORE).status()).isEqualTo(200);

            JsonNode stores = Poll.until(WAIT, this::storeHealth,
                    // Counts move with every stored page, the run's end a moment later: wait for both.
                    list -> store(list, "woocommerce", WOO_STORE).path("missing_found").asLong() == 3
                            && store(list, "woocommerce", WOO_STORE).path("last_reconciled_at").isTextual()
                            && store(list, "shopify", SHOPIFY_STORE).path("missing_found").asLong() == 1);

            JsonNode stopped = store(stores, "woocommerce", WOO_STORE);
            assertThat(stopped.path("webhooks_stale").asBoolean()).as("%s", stopped).isTrue();
            assertThat(stopped.path("last_reconciled_at").isTextual()).isTrue();
            JsonNode arriving = store(stores, "shopify", SHOPIFY_STORE);
            assertThat(arriving.path("last_webhook_at").isTextual()).as("%s", arriving).isTrue();
            assertThat(arriving.path("webhooks_stale").asBoolean()).as("webhooks still arrive").isFalse();
            assertThat(stores.toString()).doesNotContain(ReconcileFixtures.WOO_SECRET);
            // The feed itself carries only the event types of the contract.
            assertThat(client.framesWithin(Duration.ofMillis(500))).allSatisfy(frame -> assertThat(frame.path("type").asText())
                    .isIn("order.created", "order.updated", "order.cancelled", "order.dead_lettered", "delivery.changed"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> row(WebDriver page, String store) {
        return (Map<String, String>) ((JavascriptExecutor) page).executeScript(
                "const tr = document.querySelector(`#store-rows tr[data-store='${arguments[0]}']`);"
                        + "return tr ? {stale: tr.dataset.stale, text: tr.innerText} : {};", store);
    }

    /** {@code GET /dashboard/stores} with the dashboard's token, as the page asks for it. */
    private JsonNode storeHealth() {
        Answer answer = hub().request("GET", "/dashboard/stores", Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().path("items");
    }

    @Test
    @Order(2)
    void theOperatorSeesTheFlaggedStoreOnThePage() {
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get("http://127.0.0.1:" + port + "/");
            ((JavascriptExecutor) page).executeScript("sessionStorage.clear()");
            page.navigate().refresh();
            new WebDriverWait(page, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(TOKEN);
            page.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();

            new WebDriverWait(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#store-rows tr[data-store='woocommerce/" + WOO_STORE + "']")));
            // The page renders the list again every time it asks for it: read each row in one step.
            Map<String, String> stopped = row(page, "woocommerce/" + WOO_STORE);
            assertThat(stopped.get("stale")).isEqualTo("true");
            assertThat(stopped.get("text")).contains("never", "3", "stopped?");
            Map<String, String> arriving = row(page, "shopify/" + SHOPIFY_STORE);
            assertThat(arriving.get("stale")).isEqualTo("false");
            assertThat(arriving.get("text")).contains("arriving");
            assertThat(page.findElement(By.id("stores-alert")).getText()).contains("woocommerce/" + WOO_STORE);
            assertThat(page.findElement(By.id("stores-alert")).getText()).doesNotContain(SHOPIFY_STORE);
            browser.screenshot("dashboard-stores-webhook-health");
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core with a flagged store").isEmpty();
        }
    }

    @Test
    @Order(3)
    void aShopKnownOnlyByWebhooksSignedWithTheAppSecretIsListedAsNotConfigured() {
        Fixture.Delivery configured = Fixture.named("s01_orders_create_paid_two_items").last();
        byte[] body = configured.rawBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Answer answer = hub().post(Deliveries.withHeaders(configured, Map.of("X-Shopify-Shop-Domain", UNCONFIGURED_SHOP,
                "X-Shopify-Hmac-Sha256", Deliveries.hmacBase64(SHOPIFY_APP_SECRET, body),
                "X-Shopify-Webhook-Id", "app-only-webhook-1")));
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);

        JsonNode listed = store(Poll.until(WAIT, this::storeHealth,
                list -> list.toString().contains(UNCONFIGURED_SHOP)), "shopify", UNCONFIGURED_SHOP);
        assertThat(listed.path("configured").asBoolean(true)).isFalse();
        assertThat(listed.path("last_webhook_at").isTextual()).as("%s", listed).isTrue();
        assertThat(store(storeHealth(), "shopify", SHOPIFY_STORE).path("configured").asBoolean()).isTrue();

        JsonNode admin = store(hub().admin("GET", "/admin/stores").json().path("items"), "shopify", UNCONFIGURED_SHOP);
        assertThat(admin.path("configured").asBoolean(true)).isFalse();
        assertThat(admin.path("api").isNull()).isTrue();
        assertThat(admin.path("webhook_secret_from").asText()).isEqualTo("platform");
        assertThat(admin.path("last_webhook_at").isTextual()).isTrue();
        assertThat(admin.toString()).doesNotContain(SHOPIFY_APP_SECRET);
    }

    private Answer reconcile(String platform, String storeUid) {
        return hub().admin("POST", "/admin/stores/" + platform + "/" + storeUid + "/reconcile");
    }

    private static JsonNode store(JsonNode stores, String platform, String storeUid) {
        return StreamSupport.stream(stores.spliterator(), false)
                .filter(s -> platform.equals(s.path("platform").asText()) && storeUid.equals(s.path("store_uid").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(platform + "/" + storeUid + " not in " + stores));
    }
}
