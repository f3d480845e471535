package io.orderhub.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells a newcomer where the hub is once it serves. Not when Tomcat listens: Camel starts the routes behind
 * every endpoint after that (on the context-refreshed event), and a webhook sent then is answered 404. The
 * application-ready event comes after the routes have started.
 */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final OrderHubProperties properties;

    StartupReport(OrderHubProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        log.info("Order Import Hub is up (roles {}). Dashboard: http://localhost:{}/  Webhooks: POST http://localhost:{}/import-orders"
                + "  Health: http://localhost:{}/actuator/health  Store: {}", properties.roles(), port, port, port,
                properties.store().uri() == null || properties.store().uri().isBlank()
                        ? "embedded, " + (properties.dataDir().isBlank() ? "in memory" : "files under " + properties.dataDir())
                        : "MongoDB at the configured URI");
    }
}
