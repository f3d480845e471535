package io.orderhub.routes;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.Part;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.StoreRegistry;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * BigCommerce's translator. Its webhooks are thin and unsigned:
 * {@code {"scope","store_id","data":{"type","id"},"hash","created_at","producer":"stores/{hash}"}}. The hub asks for a
 * shared secret in {@code X-OrderHub-Webhook-Secret}, set when the webhook is created, and hydrates each order event
 * from the V2 API (the order, its products and its shipping addresses) before mapping (mappings/bigcommerce.jslt).
 */
@PlatformRoute(order = 30)
public class BigCommerceRoute extends WebhookPlatformRoute {

    static final String SECRET_HEADER = "x-orderhub-webhook-secret";
    private static final String PRODUCER_PREFIX = "stores/";

    private static final String ORDER = "/stores/{store}/v2/orders/{id}";
    /** The thin event's {@code data.id}: the V2 order id, a JSON integer; the scope is its topic. */
    private static final PlatformShape BIGCOMMERCE = PlatformShape.of("bigcommerce", OrderIdentity.positiveLong("/data/id"))
            .withTopics(null, "/scope", "store/order/created", "store/order/updated", "store/order/statusUpdated",
                    "store/order/refund/created")
            .withBodyRead()
            .withHydration(new Hydration("BigCommerce API", "https://api.bigcommerce.com", TokenAuth.X_AUTH_TOKEN, Map.of(),
                    ORDER, List.of(new Part("products", ORDER + "/products", true),
                            new Part("shipping_addresses", ORDER + "/shipping_addresses", true)), "event"));

    private final PayloadJson json;
    private final StoreRegistry stores;

    public BigCommerceRoute(DeliverySteps steps, PayloadJson json, StoreRegistry stores) {
        super(steps, BIGCOMMERCE);
        this.json = json;
        this.stores = stores;
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        if (delivery.header(SECRET_HEADER) != null) {
            return true;
        }
        if (!delivery.isJson() || delivery.rawBody().length > 16 * 1024) {
            return false;
        }
        JsonNode body = json.tryParse(delivery.rawBody());
        return body != null && body.path("producer").asText("").startsWith(PRODUCER_PREFIX) && body.has("scope");
    }

    /**
     * The store is named by {@code producer} inside the body, so the (small) body is parsed to find it. A body that
     * cannot be read still has its secret checked against every BigCommerce store first, so a stranger gets 401 and
     * only an authentic sender learns that its body was malformed (400).
     */
    @Override
    protected void authenticate(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        JsonNode event = json.tryParse(delivery.rawBody());
        String storeHash = event == null ? null : storeHash(event);
        if (Deliveries.isReplay(exchange) && event != null) {
            steps.receive(exchange, event);
            return;
        }
        if (storeHash == null) {
            String given = delivery.header(SECRET_HEADER);
            boolean authentic = stores.ofPlatform(platform()).stream()
                    .map(Store::webhookSecret)
                    .anyMatch(secret -> Authenticator.secretEquals(secret, given));
            if (!authentic) {
                throw new Problems.Unauthenticated("Missing or wrong " + SECRET_HEADER + " for this BigCommerce delivery.");
            }
            json.parse(delivery.rawBody(), platform());
            throw new Problems.MalformedPayload("The BigCommerce event has no producer 'stores/{store_hash}'.");
        }
        steps.authenticateSharedSecret(exchange, storeHash, SECRET_HEADER);
        steps.receive(exchange, event);
    }

    private static String storeHash(JsonNode event) {
        String producer = event.path("producer").asText("");
        if (!producer.startsWith(PRODUCER_PREFIX) || producer.length() == PRODUCER_PREFIX.length()) {
            return null;
        }
        return producer.substring(PRODUCER_PREFIX.length());
    }

}
