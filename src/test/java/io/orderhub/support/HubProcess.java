package io.orderhub.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.orderhub.OrderHubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second (third, …) hub in the same JVM, for the multi-instance shape: several hubs sharing one store
 * and one Redis. Each has its own Camel context, HTTP port and caches.
 */
public final class HubProcess implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private HubProcess(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A hub with the test profile and the fixtures' stores, on a random port, against the given store. */
    public static HubProcess start(String storeUri, String platformApiBaseUrl, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(FixtureStores.properties(platformApiBaseUrl));
        properties.put("server.port", "0");
        properties.put("orderhub.store.uri", storeUri);
        properties.put("spring.profiles.active", "test");
        properties.put("camel.main.jmx-enabled", "false");
        properties.putAll(extra);
        // As command-line arguments, so they win over application.yml like a real process's would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderHubApplication.class).run(args);
        return new HubProcess(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public HubClient client() {
        return new HubClient(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
