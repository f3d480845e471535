package io.orderhub.routes;

import java.util.Locale;
import java.util.regex.Pattern;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * WooCommerce's translator: REST v3 order webhooks signed in {@code X-WC-Webhook-Signature}; the store is
 * the site in {@code X-WC-Webhook-Source}. Mapping: mappings/woocommerce.jslt.
 */
@PlatformRoute(order = 20)
public class WooCommerceRoute extends WebhookPlatformRoute {

    private static final Pattern PING_BODY = Pattern.compile("webhook_id=\\d+");

    /** REST v3 order ids: the post id, a JSON integer. */
    private static final PlatformShape WOOCOMMERCE = PlatformShape.of("woocommerce", OrderIdentity.positiveLong("/id"))
            .withTopics("x-wc-webhook-topic", null, "order.created", "order.updated", "order.restored");

    public WooCommerceRoute(DeliverySteps steps) {
        super(steps, WOOCOMMERCE);
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        String agent = delivery.header("user-agent");
        return delivery.hasHeaderStartingWith("x-wc-webhook-")
                || (agent != null && agent.startsWith("WooCommerce/") && agent.contains("Hookshot"));
    }

    /** WooCommerce refuses to save a webhook unless its unsigned form-encoded ping gets a 200. */
    @Override
    protected boolean isHandshake(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        return delivery.isForm() && !delivery.hasHeaderStartingWith("x-wc-webhook-")
                && PING_BODY.matcher(delivery.bodyAsText().trim()).matches();
    }

    @Override
    protected void authenticate(Exchange exchange) {
        steps.authenticateHmac(exchange, storeUid(Deliveries.delivery(exchange).header("x-wc-webhook-source")),
                "x-wc-webhook-signature");
    }

    /** {@code https://Example.com/shop/} is {@code example.com/shop}: no scheme, no trailing slash, lower case. */
    static String storeUid(String source) {
        if (source == null) {
            return null;
        }
        String uid = source.trim();
        int scheme = uid.indexOf("://");
        if (scheme >= 0) {
            uid = uid.substring(scheme + 3);
        }
        while (uid.endsWith("/")) {
            uid = uid.substring(0, uid.length() - 1);
        }
        return uid.toLowerCase(Locale.ROOT);
    }
}
