package io.orderhub.routes;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Etsy's translator (docs/platforms/etsy.md): thin Open API v3 order webhooks
 * {@code {"event_type":"order.paid","resource_url":"…/shops/{shop_id}/receipts/{receipt_id}","shop_id":…}} signed the
 * Standard Webhooks way; the store is the body's {@code shop_id}; receipts (transactions and refunds included) are
 * hydrated from the Open API with {@code x-api-key} and the shop's OAuth token (mappings/etsy.jslt).
 */
@PlatformRoute(order = 80)
public class EtsyRoute extends WebhookPlatformRoute {

    /**
     * The receipt id, which Etsy sends only inside {@code resource_url}: only the id is read from it, and the call goes
     * to the configured API, never to a URL from a body.
     */
    private static final PlatformShape ETSY = PlatformShape.of("etsy",
                    OrderIdentity.positiveLong("/resource_url").within("/receipts/([^/]+)/?$"))
            .withTopics(null, "/event_type", "order.paid", "order.canceled", "order.shipped", "order.delivered");

    public EtsyRoute(DeliverySteps steps, Settings settings) {
        super(steps, ETSY.withHydration(new Hydration("Etsy Open API", "https://openapi.etsy.com", TokenAuth.BEARER,
                settings.apiKey() == null || settings.apiKey().isBlank() ? Map.of() : Map.of("x-api-key", settings.apiKey()),
                "/v3/application/shops/{store}/receipts/{id}", List.of(), "event")));
    }

    /**
     * Etsy's own setting beside the platform's common ones ({@code webhook-secret}, {@code api-base-url}): every Open API
     * v3 call names the app with {@code x-api-key}, its keystring, besides the shop's OAuth token.
     *
     * @param apiKey the app's keystring (newer apps: {@code keystring:shared_secret}); none sends no {@code x-api-key}
     */
    @ConfigurationProperties("orderhub.platforms.etsy")
    public record Settings(String apiKey) {
    }

    /** Standard Webhooks headers, which no other platform the hub takes sends. */
    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header("webhook-id") != null && delivery.header("webhook-timestamp") != null
                && delivery.header("webhook-signature") != null;
    }

    /** The shop is named only in the body, so the body is read to find its store. */
    @Override
    protected void authenticate(Exchange exchange) {
        JsonNode event = steps.readBodyNaming(exchange, "/shop_id");
        steps.authenticate(exchange, event.get("shop_id").asText(), steps.authenticator()::requireStandardWebhooksSignature);
    }

    /** {@code order.paid}; the docs also write it {@code ORDER_PAID}, so both spellings name one topic. */
    @Override
    protected String topic(Exchange exchange) {
        String type = super.topic(exchange);
        return type == null ? null : type.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        ObjectNode envelope = super.envelope(exchange);
        envelope.put("event_type", topic(exchange));
        return envelope;
    }
}
