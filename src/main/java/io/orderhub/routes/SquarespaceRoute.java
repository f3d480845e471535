package io.orderhub.routes;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * Squarespace's translator (docs/platforms/squarespace.md): thin notifications
 * {@code {"id","websiteId","subscriptionId","topic","createdOn","data":{"orderId",…}}} signed with hex(HMAC-SHA256(
 * hex-decoded subscription secret, raw body)) in {@code Squarespace-Signature}; the store is the body's
 * {@code websiteId}; orders are hydrated from the Commerce Orders API (mappings/squarespace.jslt).
 */
@PlatformRoute(order = 50)
public class SquarespaceRoute extends WebhookPlatformRoute {

    static final String SIGNATURE_HEADER = "squarespace-signature";

    /** {@code data.orderId}: an opaque object id. Squarespace asks every API client to name itself in the User-Agent. */
    private static final PlatformShape SQUARESPACE = PlatformShape.of("squarespace", OrderIdentity.opaque("/data/orderId"))
            .withRecognisingHeader(SIGNATURE_HEADER)
            .withTopics(null, "/topic", "order.create", "order.update")
            .withHydration(new Hydration("Squarespace Orders API", "https://api.squarespace.com", TokenAuth.BEARER,
                    Map.of("User-Agent", "OrderImportHub/1.0"), "/1.0/commerce/orders/{id}", List.of(), "notification"));

    public SquarespaceRoute(DeliverySteps steps) {
        super(steps, SQUARESPACE);
    }

    /** The site is named only in the body, so the body is parsed to find the store whose secret checks the signature. */
    @Override
    protected void authenticate(Exchange exchange) {
        JsonNode notification = steps.readBodyNaming(exchange, "/websiteId");
        steps.authenticate(exchange, notification.get("websiteId").asText(), (delivery, store) ->
                steps.authenticator().requireHmacSha256HexWithHexSecret(delivery, store, SIGNATURE_HEADER));
    }

}
