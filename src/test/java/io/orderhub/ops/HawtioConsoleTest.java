package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.orderhub.support.Browser;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Operators open Hawtio with the operator credential and find the import route in the Camel tree. */
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
}
