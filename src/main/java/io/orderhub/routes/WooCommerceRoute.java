package io.orderhub.routes;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * WooCommerce's translator: REST v3 order webhooks signed in {@code X-WC-Webhook-Signature}; the store is
 * the site in {@code X-WC-Webhook-Source}. Mapping: mappings/woocommerce.jslt.
 */
@Component
@ConditionalOnRole("import")
@Order(20)
public class WooCommerceRoute extends WebhookPlatformRoute {

    private static final Pattern PING_BODY = Pattern.compile("webhook_id=\\d+");

    /** REST v3 order ids: the post id, a JSON integer. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/id");

    public WooCommerceRoute(DeliverySteps steps) {
        super(steps);
    }

    @Override
    public String platform() {
        return "woocommerce";
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

    @Override
    protected String topic(Exchange exchange) {
        return topicIn(exchange, "x-wc-webhook-topic", null);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("order.created", "order.updated", "order.restored");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }
}
