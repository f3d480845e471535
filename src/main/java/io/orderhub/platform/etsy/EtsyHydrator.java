package io.orderhub.platform.etsy;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a thin Etsy event into a whole receipt: {@code GET /v3/application/shops/{shop_id}/receipts/{receipt_id}} of the
 * Open API v3 (transactions and refunds included), with {@code x-api-key} and the shop's OAuth token as Bearer. Only
 * the receipt id is read from {@code resource_url}: the call goes to the configured API, never to a URL from a body.
 */
@Component
public class EtsyHydrator {

    private static final String DEFAULT_API = "https://openapi.etsy.com";
    private static final String API = "Etsy Open API";
    private static final Pattern RECEIPT = Pattern.compile("/receipts/(\\d+)/?$");

    private final PlatformApi api;
    private final OrderTranslator translator;
    private final EtsyProperties properties;

    public EtsyHydrator(PlatformApi api, OrderTranslator translator, EtsyProperties properties) {
        this.api = api;
        this.translator = translator;
        this.properties = properties;
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode event = EtsyWebhooks.event(exchange);
        Store store = Deliveries.store(exchange);
        Matcher receipt = RECEIPT.matcher(event.path("resource_url").asText(""));
        if (!receipt.find()) {
            throw new UnmappableOrderException("The Etsy event's resource_url names no receipt");
        }
        String uri = PlatformApi.baseUrl(store, DEFAULT_API) + "/v3/application/shops/" + store.storeUid()
                + "/receipts/" + receipt.group(1);
        Map<String, String> headers = new HashMap<>(PlatformApi.bearer(store));
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            headers.put("x-api-key", properties.apiKey());
        }
        JsonNode order = PlatformApi.found(PlatformApi.join(api.fetch(API, uri, headers)), API,
                "Etsy receipt " + receipt.group(1) + " of shop " + store.storeUid());
        ObjectNode envelope = translator.envelope(exchange, order);
        envelope.set("event", event);
        envelope.put("event_type", EtsyWebhooks.eventType(exchange));
        return envelope;
    }
}
