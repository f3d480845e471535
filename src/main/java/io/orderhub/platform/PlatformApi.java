package io.orderhub.platform;

import java.io.IOException;
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
 * Reads a platform's REST API to hydrate thin webhook events (see {@link Hydrator}), with the timeouts and
 * retries of {@code orderhub.hydration}. When the API stays unreachable the delivery is refused with 503 so
 * the platform retries it: never a half order.
 */
@Component
public class PlatformApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);

    private final RetryingHttp http;
    private final RetryingHttp.Policy policy;
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
        this.http = new RetryingHttp(settings.connectTimeout(), settings.requestTimeout());
        // A platform's rate limit is waited out no longer than an answer: the import waits for it, and a refused
        // delivery comes back with the platform's own retry.
        this.policy = new RetryingHttp.Policy(settings.maxAttempts(), settings.initialBackoff(), settings.requestTimeout());
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

    private JsonNode fetchWithRetries(String api, String uri, Map<String, String> headers) {
        String problem;
        try {
            RetryingHttp.Answer answer = http.get(uri, headers, policy);
            if (answer.status() == 200) {
                return json.mapper().readTree(answer.body());
            }
            if (answer.status() == 204) {
                return json.mapper().createArrayNode();
            }
            if (answer.status() == 404) {
                return null;
            }
            // A refused access token will not fix itself by retrying now; the platform's retry will succeed
            // once the operator corrects it, so the delivery is refused, not dead-lettered.
            problem = "HTTP " + answer.status();
        } catch (RetryingHttp.UnreachableException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "unreadable JSON: " + e.getMessage();
        }
        log.warn("{} unavailable for {}: {}", api, uri, problem);
        throw new Problems.UpstreamUnavailable("The " + api + " could not be reached to hydrate the event ("
                + problem + "); retry later.", settings.retryAfterSeconds(), null);
    }

    /** Closes the client's pooled connections when the context closes. */
    @Override
    public void close() throws IOException {
        http.close();
    }
}
