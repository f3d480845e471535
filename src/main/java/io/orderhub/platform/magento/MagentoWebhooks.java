package io.orderhub.platform.magento;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Adobe Commerce Webhooks (module {@code Magento_AdobeCommerceWebhooks}), observer hooks on the order:
 * {@code {"subject":[],"eventName":"sales_order_save_after","data":{"order":{…}}}}. With signature verification on,
 * Commerce signs the base64 of the body with the instance's private key (RSA-SHA256) and sends the base64 signature
 * in {@code x-adobe-commerce-webhook-signature}; the public key is copied from the Admin into the store's
 * {@code webhook-secret}. Commerce sends no store identity of its own, so the hook's configured headers carry it:
 * {@code X-OrderHub-Store}, the same header the generic platform uses.
 */
@Component
public class MagentoWebhooks {

    public static final String SIGNATURE_HEADER = "x-adobe-commerce-webhook-signature";
    public static final String STORE_HEADER = "x-orderhub-store";
    private static final String PAYLOAD = "orderhubMagentoPayload";

    private final PayloadJson json;
    private final DeliverySteps steps;
    private final Authenticator authenticator;

    public MagentoWebhooks(PayloadJson json, DeliverySteps steps, Authenticator authenticator) {
        this.json = json;
        this.steps = steps;
        this.authenticator = authenticator;
    }

    /** The parsed body, once authenticated. */
    public static JsonNode payload(Exchange exchange) {
        return exchange.getProperty(PAYLOAD, JsonNode.class);
    }

    /** The observer event without Commerce's {@code observer.} prefix, e.g. {@code sales_order_save_after}. */
    public static String eventName(Exchange exchange) {
        String name = payload(exchange).path("eventName").asText(null);
        return name == null ? null : name.replaceFirst("^observer\\.", "");
    }

    public void authenticate(Exchange exchange) {
        String store = Deliveries.delivery(exchange).header(STORE_HEADER);
        // Commerce signs the body's base64 text, not the body itself.
        byte[] signed = Base64.getEncoder().encodeToString(Deliveries.delivery(exchange).rawBody())
                .getBytes(StandardCharsets.US_ASCII);
        steps.authenticate(exchange, store == null ? null : store.trim().toLowerCase(Locale.ROOT),
                (delivery, s) -> authenticator.requireRsaSha256Base64(delivery, s, SIGNATURE_HEADER, signed));
        exchange.setProperty(PAYLOAD, json.parse(Deliveries.delivery(exchange).rawBody(), "magento"));
    }
}
