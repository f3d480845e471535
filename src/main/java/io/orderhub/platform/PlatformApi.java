package io.orderhub.platform;

import java.io.IOException;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a platform's REST API to hydrate thin webhook events (BigCommerce, Ecwid, …), with the timeouts and
 * retries of {@code orderhub.hydration}. When the API stays unreachable the delivery is refused with 503 so
 * the platform retries it: never a half order.
 */
@Component
public class PlatformApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);
    /** The calling threads are a cached, unbounded pool: room for every one of them rather than a queue. */
    private static final int CONNECTIONS_PER_ROUTE = 64;
    private static final int CONNECTIONS = 256;
    /** A keep-alive connection idle this long is checked before reuse: the server may have closed it. */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);
    /**
     * Idle sockets are closed after this by the client's one evictor thread, which sleeps as long between sweeps;
     * a server that closes one sooner is caught by the check above.
     */
    private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(30);
    private static final byte[] NO_BODY = new byte[0];

    /**
     * The classic (blocking) client does its I/O on the calling thread: no selector or worker threads and no
     * handoffs, which with the JDK client cost about 14 % of the hub's CPU under the benchmark.
     */
    private final CloseableHttpClient http;
    /** Blocking calls with retries must not run on the common pool, which has one thread on two cores. */
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "platform-api");
        thread.setDaemon(true);
        return thread;
    });
    private final OrderHubProperties.Hydration settings;
    private final PayloadJson json;

    public PlatformApi(OrderHubProperties properties, PayloadJson json) {
        this.settings = properties.hydration();
        this.json = json;
        this.http = client(settings);
    }

    private static CloseableHttpClient client(OrderHubProperties.Hydration settings) {
        // Redirects are not followed and failures are retried by fetchWithRetries with its backoff, not by the client.
        return HttpClients.custom()
                .setConnectionManager(connections(settings))
                .setDefaultRequestConfig(RequestConfig.custom()
                        // HttpClient 5 has no whole-request deadline: this bounds each read, which is enough here.
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        // Waiting for a pooled connection is part of connecting: the attempt fails, then is retried.
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                // As the JDK client did: identity bodies, no decompression on the calling thread.
                .disableContentCompression()
                // As the JDK client did: the JVM's proxy settings (http(s).proxyHost, …) apply.
                .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
                .evictExpiredConnections()
                .evictIdleConnections(MAX_IDLE)
                .build();
    }

    private static PoolingHttpClientConnectionManager connections(OrderHubProperties.Hydration settings) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build())
                .setMaxConnPerRoute(CONNECTIONS_PER_ROUTE)
                .setMaxConnTotal(CONNECTIONS)
                .build();
    }

    /**
     * GETs a resource in the background: the JSON, null for 404 (and an empty list for 204); a 503 refusal
     * naming {@code api} (e.g. "BigCommerce API") after the last attempt.
     */
    public CompletableFuture<JsonNode> fetch(String api, String uri, Map<String, String> headers) {
        return CompletableFuture.supplyAsync(() -> fetchWithRetries(api, uri, headers), calls);
    }

    /** The result of {@link #fetch}, with a refusal rethrown as itself rather than wrapped. */
    public static JsonNode join(CompletableFuture<JsonNode> resource) {
        try {
            return resource.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * The order an API answered, or, for a 404, an unmappable delivery: the event is authentic but names an order
     * the platform does not have (any more), so it is dead-lettered and kept for replay rather than retried.
     */
    public static JsonNode found(JsonNode order, String api, String what) {
        if (order == null) {
            throw new UnmappableOrderException(what + " does not exist (404 from the " + api + ")");
        }
        return order;
    }

    /** The store's {@code api-base-url} (else the platform's public API), without a trailing slash. */
    public static String baseUrl(Store store, String defaultUrl) {
        String trimmed = store.apiBaseUrl() == null ? defaultUrl : store.apiBaseUrl();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** {@code Authorization: Bearer {access-token}} (nothing without a token: the API's 401 then says why). */
    public static Map<String, String> bearer(Store store) {
        return store.accessToken() == null ? Map.of() : Map.of("Authorization", "Bearer " + store.accessToken());
    }

    private JsonNode fetchWithRetries(String api, String uri, Map<String, String> headers) {
        Duration backoff = settings.initialBackoff();
        String lastProblem = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                Answer answer = http.execute(request(uri, headers), PlatformApi::answer);
                int status = answer.status();
                if (status == 200) {
                    return json.mapper().readTree(answer.body());
                }
                if (status == 204) {
                    return json.mapper().createArrayNode();
                }
                if (status == 404) {
                    return null;
                }
                lastProblem = "HTTP " + status;
                if (status < 500 && status != 429) {
                    // A refused access token will not fix itself by retrying now; the platform's retry will
                    // succeed once the operator corrects it, so the delivery is refused, not dead-lettered.
                    break;
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < settings.maxAttempts()) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        log.warn("{} unavailable for {}: {}", api, uri, lastProblem);
        throw new Problems.UpstreamUnavailable("The " + api + " could not be reached to hydrate the event ("
                + lastProblem + "); retry later.", settings.retryAfterSeconds(), null);
    }

    private static HttpGet request(String uri, Map<String, String> headers) {
        HttpGet request = new HttpGet(uri);
        request.addHeader("Accept", "application/json");
        headers.forEach(request::addHeader);
        return request;
    }

    /** Reads the whole body, so the client hands the connection back to the pool before the JSON is parsed. */
    private static Answer answer(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        return new Answer(response.getCode(), entity == null ? NO_BODY : EntityUtils.toByteArray(entity));
    }

    /** Closes the client, its pooled connections and its evictor thread when the context closes. */
    @Override
    public void close() throws IOException {
        http.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, byte[] body) {
    }
}
