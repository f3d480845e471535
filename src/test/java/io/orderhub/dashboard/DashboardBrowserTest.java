package io.orderhub.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import io.orderhub.security.TrackingTokens;
import io.orderhub.support.Browser;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The operator's and the customer's pages in Debian's real Chromium: orders appear live, an order opens
 * its detail, the customer's choice changes the delivery status, and both pages pass axe-core. Screenshots
 * go to target/screenshots.
 */
@HubTest
// The real delivery timeline, fast: an order no partner serves is offered the choice within a second.
@TestPropertySource(properties = {"orderhub.assignment.initial-search=400ms", "orderhub.assignment.retry-interval=100ms",
        "orderhub.assignment.extended-search=60s", "orderhub.assignment.decision-timeout=60s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends HubTestSupport {

    private static final Duration LIVE = Duration.ofSeconds(1);
    private static final Duration PAGE = Duration.ofSeconds(10);
    private static Browser browser;

    @Autowired
    MongoDatabase orderhubDatabase;

    @Autowired
    TrackingTokens trackingTokens;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void ordersAppearInTheFeedWithinASecondWithoutReloading() {
        WebDriver page = openSignedInDashboard();
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on an empty dashboard").isEmpty();

        for (String fixture : List.of("s01_orders_create_paid_two_items", "w01_order_created_processing",
                "b01_order_created_hydrated")) {
            Answer answer = hub().post(Fixture.named(fixture).last());
            assertThat(answer.status()).as("%s: %s", fixture, answer).isEqualTo(201);
            new WebDriverWait(page, LIVE).withMessage(fixture + " in the feed within a second")
                    .until(ExpectedConditions.presenceOfElementLocated(row(answer.field("order_id"))));
        }

        assertThat(page.findElements(By.cssSelector("#feed-rows tr"))).hasSize(3);
        assertThat(page.findElement(By.id("count-orders")).getText()).isEqualTo("3");
        assertThat(page.findElement(By.id("count-platform")).getText()).contains("shopify", "woocommerce", "bigcommerce");
        browser.screenshot("dashboard-feed");
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the dashboard with orders").isEmpty();
    }

    @Test
    @Order(2)
    void choosingAnOrderShowsItsDetailTimelineAndRawDelivery() {
        WebDriver page = openSignedInDashboard();
        Answer answer = hub().post(Fixture.named("s06_discount_code_and_tax").last());
        By open = By.cssSelector("tr[data-order-id='" + answer.field("order_id") + "'] button");
        new WebDriverWait(page, PAGE).until(ExpectedConditions.elementToBeClickable(open));

        // The row is drawn again when the order's delivery changes (its assignment runs meanwhile): a button
        // found a moment ago may be gone, so it is found again and clicked in one step.
        new WebDriverWait(page, PAGE).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(open).click();
            return true;
        });

        WebElement detail = new WebDriverWait(page, PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        new WebDriverWait(page, PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-summary"),
                answer.field("order_id")));
        assertThat(page.findElement(By.id("detail-timeline")).getText()).contains("pending");
        assertThat(page.findElement(By.id("detail-raw-count")).getText()).isEqualTo("1");
        assertThat(detail.findElement(By.id("detail-title")).getText()).startsWith("Order ");
        browser.screenshot("dashboard-order-detail");
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core with an order's detail open").isEmpty();
    }

    @Test
    @Order(3)
    void theCustomerWhoChoosesToWaitSeesTheSearchGoOn() {
        // Shipped where no partner delivers, so the search runs out and the customer is asked.
        Answer answer = hub().post(Deliveries.withFields(Fixture.named("w06_coupon_and_tax"), body -> {
            body.put("id", 7806);
            ((ObjectNode) body.get("shipping")).put("postcode", "99701").put("city", "Fairbanks").put("state", "AK");
        }));
        String orderId = answer.field("order_id");
        WebDriver page = browser.driver();
        page.get(base() + "/track/" + orderId + "?token=" + trackingTokens.tokenFor(orderId));
        WebElement wait = new WebDriverWait(page, PAGE).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#choice button[data-choice='wait']")));
        browser.screenshot("tracking-choice-offered");
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the tracking page").isEmpty();

        wait.click();

        new WebDriverWait(page, PAGE).until(d -> "extended_search".equals(status(d)));
        assertThat(page.findElement(By.id("choice")).isDisplayed()).isFalse();
        browser.screenshot("tracking-after-wait");
    }

    @Test
    @Order(4)
    void aTrackingLinkWithAWrongTokenShowsNothingOfTheOrder() {
        Answer answer = hub().post(Fixture.named("b06_coupon_and_tax").last());
        WebDriver page = browser.driver();
        page.get(base() + "/track/" + answer.field("order_id") + "?token=forged");
        new WebDriverWait(page, PAGE).until(ExpectedConditions.textToBe(By.id("status"), "This tracking link is not valid."));
        assertThat(page.findElement(By.id("history")).getText()).isEmpty();
    }

    @Test
    @Order(10)
    void withoutAPublicPortThePageConnectsToTheWebSocketPortOnItsHost() {
        WebDriver page = openSignedInDashboard();
        com.fasterxml.jackson.databind.JsonNode config = hub().get("/dashboard/config").json();
        assertThat(config.path("websocket_same_origin").asBoolean()).isFalse();
        assertThat(config.path("public_websocket_port").asInt()).isEqualTo(config.path("websocket_port").asInt());

        Object url = ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "return fetch('/dashboard/config').then(r => r.json()).then(c => socketUrl(c, location))");

        assertThat(url).isEqualTo("ws://127.0.0.1:" + config.path("websocket_port").asInt()
                + "/dashboard?token=test-dashboard-token");
    }

    private WebDriver openSignedInDashboard() {
        WebDriver page = browser.driver();
        page.get(base() + "/");
        ((org.openqa.selenium.JavascriptExecutor) page).executeScript("sessionStorage.clear()");
        page.navigate().refresh();
        WebElement token = new WebDriverWait(page, PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys("test-dashboard-token");
        page.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        new WebDriverWait(page, PAGE).until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        return page;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static By row(String orderId) {
        return By.cssSelector("#feed-rows tr[data-order-id='" + orderId + "']");
    }

    private static String status(WebDriver page) {
        return page.findElement(By.id("status")).getAttribute("data-status");
    }
}
