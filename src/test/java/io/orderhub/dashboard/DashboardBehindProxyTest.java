package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.Browser;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a reverse proxy on one public port ({@code orderhub.dashboard.public-websocket-port=0}) the page opens
 * its WebSocket on its own origin, which the proxy passes to the dashboard's WebSocket port.
 */
@HubTest
@TestPropertySource(properties = "orderhub.dashboard.public-websocket-port=0")
class DashboardBehindProxyTest extends HubTestSupport {

    private static final Duration PAGE = Duration.ofSeconds(10);

    @Autowired
    DashboardSockets sockets;

    @Test
    void theConfigTellsThePageToConnectToItsOwnOriginAndStillNamesTheWebSocketPort() {
        JsonNode config = hub().get("/dashboard/config").json();

        assertThat(config.path("websocket_same_origin").asBoolean()).isTrue();
        assertThat(config.path("public_websocket_port").isNull()).isTrue();
        assertThat(config.path("websocket_port").asInt()).isEqualTo(sockets.port());
        assertThat(config.path("websocket_path").asText()).isEqualTo("/dashboard");
    }

    @Test
    void thePageGoesLiveThroughAProxyThatServesPageAndWebSocketOnOnePort() throws Exception {
        try (OnePortProxy proxy = OnePortProxy.start(port, sockets.port()); Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get("http://127.0.0.1:" + proxy.port() + "/");
            ((JavascriptExecutor) page).executeScript("sessionStorage.clear()");
            page.navigate().refresh();
            new WebDriverWait(page, PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                    .sendKeys("test-dashboard-token");
            page.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();

            new WebDriverWait(page, PAGE).until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
            assertThat(proxy.websocketConnections()).isPositive();
            assertThat(((JavascriptExecutor) page).executeScript(
                    "return socketUrl({websocket_same_origin: true, websocket_port: 8081, websocket_path: '/dashboard'},"
                            + " {protocol: 'https:', host: 'hub.example.com', hostname: 'hub.example.com'})"))
                    .isEqualTo("wss://hub.example.com/dashboard?token=test-dashboard-token");
        }
    }
}
