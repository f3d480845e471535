package io.orderhub.platform.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * BigCommerce's thin events: {@code {"scope","store_id","data":{"type","id"},"hash","created_at","producer":"stores/{hash}"}}.
 * The store is named inside the body, so the (small) body is parsed to find it; the secret check still
 * comes before any refusal of the body's content.
 */
@Component
public class BigCommerceEvents {

    public static final String SECRET_HEADER = "x-orderhub-webhook-secret";
    private static final String EVENT = "orderhubBigCommerceEvent";
    private static final String PRODUCER_PREFIX = "stores/";

    private final PayloadJson json;
    private final DeliverySteps steps;
    private final StoreRegistry stores;

    public BigCommerceEvents(PayloadJson json, DeliverySteps steps, StoreRegistry stores) {
        this.json = json;
        this.steps = steps;
        this.stores = stores;
    }

    public static JsonNode event(Exchange exchange) {
        return exchange.getProperty(EVENT, JsonNode.class);
    }

    public boolean looksLikeEvent(InboundDelivery delivery) {
        if (!delivery.isJson() || delivery.rawBody().length > 16 * 1024) {
            return false;
        }
        JsonNode body = json.tryParse(delivery.rawBody());
        return body != null && body.path("producer").asText("").startsWith(PRODUCER_PREFIX) && body.has("scope");
    }

    /**
     * Authenticates against the store named by {@code producer}. A body that cannot be read still has its
     * secret checked against every BigCommerce store first, so a stranger gets 401 and only an authentic
     * sender learns that its body was malformed (400).
     */
    public void authenticate(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        JsonNode event = json.tryParse(delivery.rawBody());
        String storeHash = event == null ? null : storeHash(event);
        if (Deliveries.isReplay(exchange) && event != null) {
            exchange.setProperty(EVENT, event);
            return;
        }
        if (storeHash == null) {
            String given = delivery.header(SECRET_HEADER);
            boolean authentic = stores.ofPlatform("bigcommerce").stream()
                    .map(Store::webhookSecret)
                    .anyMatch(secret -> Authenticator.secretEquals(secret, given));
            if (!authentic) {
                throw new Problems.Unauthenticated("Missing or wrong " + SECRET_HEADER + " for this BigCommerce delivery.");
            }
            json.parse(delivery.rawBody(), "bigcommerce");
            throw new Problems.MalformedPayload("The BigCommerce event has no producer 'stores/{store_hash}'.");
        }
        steps.authenticateSharedSecret(exchange, storeHash, SECRET_HEADER);
        exchange.setProperty(EVENT, event);
    }

    private static String storeHash(JsonNode event) {
        String producer = event.path("producer").asText("");
        if (!producer.startsWith(PRODUCER_PREFIX) || producer.length() == PRODUCER_PREFIX.length()) {
            return null;
        }
        return producer.substring(PRODUCER_PREFIX.length());
    }
}
