package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderhub.support.Browser;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Operators open Hawtio with the operator credential, find the import route in the Camel tree and see its
 * route diagram with exchange statistics. The diagram is the route model dumped as XML over JMX
 * ({@code dumpRoutesAsXml}); Camel 4 needs a model dumper on the classpath for it, here camel-xml-io, which
 * camel-management brings.
 */
@HubTest
@DisableJmx(false)
class HawtioConsoleTest extends HubTestSupport {

    @Test
    void hawtioNeedsTheOperatorCredential() {
        assertThat(hub().get("/actuator/hawtio/").status()).isEqualTo(401);
        assertThat(hub().get("/actuator/jolokia/").status()).isEqualTo(401);
        assertThat(hub().admin("GET", "/actuator/jolokia/version").status()).isEqualTo(200);
    }

    @Test
    void operatorFindsTheImportRouteInHawtiosCamelTree() {
        try (Browser browser = Browser.start()) {
            // The credential travels as a header on every request the console makes, as a proxy would add it.
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Bearer test-admin-key")));
            browser.driver().get("http://127.0.0.1:" + port + "/actuator/hawtio/camel/routes");

            new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                    .until(d -> d.findElement(By.tagName("body")).getText().contains("import-gateway"));
            browser.screenshot("hawtio-camel-routes");
            assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("import-gateway");
        }
    }

    @Test
    void operatorSeesTheImportRoutesDiagramWithItsExchangeCounts() {
        assertThat(hub().post(Fixture.named("s01_orders_create_paid_two_items").last()).status()).isEqualTo(201);
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Bearer test-admin-key")));
            driver.get("http://127.0.0.1:" + port + "/actuator/hawtio/camel/routes");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));

            try {
                wait.until(d -> treeItem(d, "import-gateway")).click();
                wait.until(d -> tab(d, "Route Diagram")).click();

                List<WebElement> nodes = wait.until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector(".react-flow__node .camel-node-content"));
                    return found.size() > 1 ? found : null;
                });
                String labels = nodes.stream().map(n -> n.getAttribute("textContent")).collect(Collectors.joining(" | "));
                // Hawtio labels a node by its custom id: the diagram reads like the README's flow.
                assertThat(labels).as("the diagram's nodes").contains("gateway-http-in").contains("gateway-route-to-platform");
                // Exchange statistics: each node shows its completed exchanges; the delivery above went through.
                wait.until(d -> d.findElements(By.cssSelector(".react-flow__node .camel-node-content .number")).stream()
                        .map(n -> n.getAttribute("textContent").trim()).anyMatch(n -> n.matches("[1-9][0-9]*")));
            } finally {
                browser.screenshot("hawtio-route-diagram-import-gateway");
                savePage(driver, "hawtio-route-diagram-import-gateway.html");
            }
        }
    }

    private static void savePage(WebDriver driver, String name) {
        try {
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            java.nio.file.Files.writeString(Browser.SCREENSHOTS.resolve(name), driver.getPageSource());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Camel tree's node of that name, once it is shown (PatternFly's tree view: a button per node). */
    private static WebElement treeItem(WebDriver driver, String name) {
        return driver.findElements(By.xpath("//*[@role='treeitem']//button[normalize-space(.)='" + name + "']")).stream()
                .filter(e -> e.isDisplayed() && e.getSize().getHeight() > 0).findFirst().orElse(null);
    }

    private static WebElement tab(WebDriver driver, String title) {
        return driver.findElements(By.xpath("//*[@role='tab' or self::a or self::button][normalize-space(.)='" + title + "']"))
                .stream().filter(e -> e.isDisplayed() && e.getSize().getHeight() > 0).findFirst().orElse(null);
    }
}
