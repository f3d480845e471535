package io.orderhub.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a platform's REST API to hydrate thin webhook events (BigCommerce, Ecwid, …), with the timeouts and
 * retries of {@code orderhub.hydration}. When the API stays unreachable the delivery is refused with 503 so
 * the platform retries it: never a half order.
 */
@Component
public class PlatformApi {

    private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);

    private final HttpClient http;
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
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
                HttpResponse<byte[]> response = http.send(request(uri, headers), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return json.mapper().readTree(response.body());
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastProblem = "interrupted";
                break;
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

    private HttpRequest request(String uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return request.build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
