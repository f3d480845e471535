package io.orderhub.platform.bigcommerce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.RetryingHttp;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.OrderTranslator;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a thin BigCommerce event into a whole order: the V2 order, its products and its shipping
 * addresses, fetched in parallel with timeouts and retried with exponential backoff. When the API stays
 * unreachable the delivery is refused with 503 so BigCommerce retries: never a half order.
 */
@Component
public class BigCommerceHydrator {

    private static final Logger log = LoggerFactory.getLogger(BigCommerceHydrator.class);
    private static final String DEFAULT_API = "https://api.bigcommerce.com";

    private final RetryingHttp http;
    private final RetryingHttp.Policy retries;
    /** Blocking calls with retries must not run on the common pool, which has one thread on two cores. */
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bigcommerce-api");
        thread.setDaemon(true);
        return thread;
    });
    private final OrderHubProperties.Hydration settings;
    private final PayloadJson json;
    private final OrderTranslator translator;

    public BigCommerceHydrator(OrderHubProperties properties, PayloadJson json, OrderTranslator translator) {
        this.settings = properties.hydration();
        this.json = json;
        this.translator = translator;
        this.http = new RetryingHttp(settings.connectTimeout());
        // A 429 asking for longer than one request may take is answered 503 at once: the webhook waits on us.
        this.retries = new RetryingHttp.Policy(settings.maxAttempts(), settings.initialBackoff(),
                settings.requestTimeout());
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode event = BigCommerceEvents.event(exchange);
        Store store = Deliveries.store(exchange);
        String orderId = event.path("data").path("id").asText("");
        if (orderId.isEmpty()) {
            throw new UnmappableOrderException("The BigCommerce event has no data.id");
        }
        String base = withoutTrailingSlash(store.apiBaseUrl() == null ? DEFAULT_API : store.apiBaseUrl());
        String orderUri = base + "/stores/" + store.storeUid() + "/v2/orders/" + orderId;
        CompletableFuture<JsonNode> order = fetch(orderUri, store);
        CompletableFuture<JsonNode> products = fetch(orderUri + "/products", store);
        CompletableFuture<JsonNode> addresses = fetch(orderUri + "/shipping_addresses", store);
        // Every call ends (and its retries with it) before the answer, so a refusal never races a retry.
        CompletableFuture.allOf(order, products, addresses).exceptionally(failure -> null).join();
        try {
            JsonNode hydratedOrder = order.join();
            if (hydratedOrder == null) {
                throw new UnmappableOrderException("BigCommerce order " + orderId + " of store " + store.storeUid()
                        + " does not exist (404 from the V2 API)");
            }
            ObjectNode envelope = translator.envelope(exchange, hydratedOrder);
            envelope.set("event", event);
            envelope.set("products", orEmptyArray(products.join()));
            envelope.set("shipping_addresses", orEmptyArray(addresses.join()));
            return envelope;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private JsonNode orEmptyArray(JsonNode node) {
        return node == null || node.isNull() ? json.mapper().createArrayNode() : node;
    }

    /** The resource, null for 404 (and an empty list for 204), or a 503 refusal after the last attempt. */
    private CompletableFuture<JsonNode> fetch(String uri, Store store) {
        return CompletableFuture.supplyAsync(() -> fetchWithRetries(uri, store), calls);
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private JsonNode fetchWithRetries(String uri, Store store) {
        String problem;
        try {
            HttpResponse<byte[]> response = http.send(request(uri, store), retries);
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
            // A refused access token will not fix itself by retrying now; the platform's retry will
            // succeed once the operator corrects it, so the delivery is refused, not dead-lettered.
            problem = "HTTP " + status;
        } catch (RetryingHttp.UnreachableException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "unreadable answer: " + e.getMessage();
        }
        log.warn("BigCommerce API unavailable for {}: {}", uri, problem);
        throw new Problems.UpstreamUnavailable("The BigCommerce API could not be reached to hydrate the event ("
                + problem + "); retry later.", settings.retryAfterSeconds(), null);
    }

    private HttpRequest request(String uri, Store store) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET();
        if (store.accessToken() != null) {
            request.header("X-Auth-Token", store.accessToken());
        }
        return request.build();
    }
}
