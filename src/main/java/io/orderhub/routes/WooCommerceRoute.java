package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformRecognizer;
import io.orderhub.translate.OrderTranslator;
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
public class WooCommerceRoute extends ImportStageRouteBuilder implements PlatformRecognizer {

    private static final Set<String> ORDER_TOPICS = Set.of("order.created", "order.updated", "order.restored");
    private static final Pattern PING_BODY = Pattern.compile("webhook_id=\\d+");

    /** REST v3 order ids: the post id, a JSON integer. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/id");

    private final DeliverySteps steps;
    private final OrderTranslator translator;

    public WooCommerceRoute(DeliverySteps steps, OrderTranslator translator) {
        this.steps = steps;
        this.translator = translator;
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

    @Override
    protected void stages() {
        from(endpointUri()).routeId("platform-woocommerce")
                .choice()
                    // WooCommerce refuses to save a webhook unless its unsigned ping gets a 200.
                    .when(this::isPing)
                        .setBody(exchange -> ImportResult.ignored("WooCommerce webhook ping"))
                    .otherwise()
                        .to("direct:woocommerce-delivery")
                .end();

        from("direct:woocommerce-delivery").routeId("woocommerce-delivery")
                .process(steps::requireJson)
                .process(this::authenticate)
                .process(steps::admit)
                .choice()
                    .when(this::isOrderTopic)
                        .process(this::requireOrderIdentity)
                        .setBody(translator::parseToEnvelope)
                        .to("direct:translate")
                    .otherwise()
                        .setBody(this::ignoredTopic)
                .end();
    }

    private boolean isPing(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        return delivery.isForm() && !delivery.hasHeaderStartingWith("x-wc-webhook-")
                && PING_BODY.matcher(delivery.bodyAsText().trim()).matches();
    }

    private void requireOrderIdentity(Exchange exchange) {
        steps.requireOrderIdentity(exchange, ORDER_ID, translator.parsedBody(exchange));
    }

    private void authenticate(Exchange exchange) {
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

    private boolean isOrderTopic(Exchange exchange) {
        return steps.isOrderTopic(exchange, ORDER_TOPICS, Deliveries.delivery(exchange).header("x-wc-webhook-topic"));
    }

    private ImportResult ignoredTopic(Exchange exchange) {
        return ImportResult.ignored("WooCommerce topic '" + Deliveries.delivery(exchange).header("x-wc-webhook-topic")
                + "' is not an order topic");
    }
}
