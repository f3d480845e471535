package io.orderhub.platform.etsy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Etsy's thin webhooks: {@code {"event_type":"order.paid","resource_url":"…/shops/{shop_id}/receipts/{receipt_id}","shop_id":…}},
 * signed the Standard Webhooks way: {@code webhook-signature} holds {@code v1,<base64 HMAC-SHA256>} entries (space
 * separated) over {@code {webhook-id}.{webhook-timestamp}.{raw body}}, keyed with the endpoint's signing secret
 * ({@code whsec_} + base64 of the key). The shop is named only in the body, so the body is read to find its store.
 */
@Component
public class EtsyWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String EVENT = "orderhubEtsyEvent";

    private final PayloadJson json;
    private final DeliverySteps steps;

    public EtsyWebhooks(PayloadJson json, DeliverySteps steps) {
        this.json = json;
        this.steps = steps;
    }

    public static JsonNode event(Exchange exchange) {
        return exchange.getProperty(EVENT, JsonNode.class);
    }

    /** {@code order.paid}; the docs also write it {@code ORDER_PAID}, so both spellings name one topic. */
    public static String eventType(Exchange exchange) {
        String type = event(exchange).path("event_type").asText(null);
        return type == null ? null : type.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Standard Webhooks headers, which no other platform the hub takes sends. */
    public static boolean recognises(InboundDelivery delivery) {
        return delivery.header(ID_HEADER) != null && delivery.header(TIMESTAMP_HEADER) != null
                && delivery.header(SIGNATURE_HEADER) != null;
    }

    public void authenticate(Exchange exchange) {
        JsonNode event = json.tryParse(Deliveries.delivery(exchange).rawBody());
        if (event == null || !event.hasNonNull("shop_id")) {
            throw new Problems.Unauthenticated("This Etsy delivery cannot be authenticated: it is not a JSON event naming a shop_id.");
        }
        steps.authenticate(exchange, event.get("shop_id").asText(), EtsyWebhooks::verify);
        exchange.setProperty(EVENT, event);
    }

    // Standard Webhooks signs header values and body together; the timestamp is not held to a tolerance window
    // because Etsy retries for more than a day and a replayed order is answered as a duplicate anyway.
    private static void verify(InboundDelivery delivery, Store store) {
        String id = delivery.header(ID_HEADER);
        String timestamp = delivery.header(TIMESTAMP_HEADER);
        String signatures = delivery.header(SIGNATURE_HEADER);
        if (id == null || timestamp == null || signatures == null) {
            throw new Problems.Unauthenticated("An Etsy delivery needs the webhook-id, webhook-timestamp and webhook-signature headers.");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(store.webhookSecret().trim().replaceFirst("^whsec_", ""));
        } catch (IllegalArgumentException e) {
            throw new Problems.Unauthenticated("The webhook secret of Etsy shop '" + store.storeUid() + "' is not whsec_ and base64.");
        }
        byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[head.length + delivery.rawBody().length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(delivery.rawBody(), 0, signed, head.length, delivery.rawBody().length);
        byte[] expected = Authenticator.hmacSha256(key, signed);
        for (String entry : signatures.trim().split("\\s+")) {
            String base64 = entry.startsWith("v1,") ? entry.substring(3) : entry;
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64))) {
                    return;
                }
            } catch (IllegalArgumentException notBase64) {
                // another entry may still match
            }
        }
        throw new Problems.Unauthenticated("No v1 signature in webhook-signature matches the body for Etsy shop '"
                + store.storeUid() + "'.");
    }
}
