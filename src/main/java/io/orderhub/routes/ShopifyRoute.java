package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import java.util.Locale;
import java.util.Set;

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
 * Shopify's translator: REST Admin order webhooks signed with the app's client secret
 * ({@code X-Shopify-Hmac-Sha256}); the shop is {@code X-Shopify-Shop-Domain}. Mapping: mappings/shopify.jslt.
 */
@Component
@ConditionalOnRole("import")
@Order(10)
public class ShopifyRoute extends ImportStageRouteBuilder implements PlatformRecognizer {

    private static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated", "orders/paid",
            "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled");

    /** REST Admin order ids: a JSON integer (int64). */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/id");

    private final DeliverySteps steps;
    private final OrderTranslator translator;

    public ShopifyRoute(DeliverySteps steps, OrderTranslator translator) {
        this.steps = steps;
        this.translator = translator;
    }

    @Override
    public String platform() {
        return "shopify";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.hasHeaderStartingWith("x-shopify-");
    }

    @Override
    protected void stages() {
        from(endpointUri()).routeId("platform-shopify")
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

    private void requireOrderIdentity(Exchange exchange) {
        steps.requireOrderIdentity(exchange, ORDER_ID, translator.parsedBody(exchange));
    }

    private void authenticate(Exchange exchange) {
        String shop = Deliveries.delivery(exchange).header("x-shopify-shop-domain");
        steps.authenticateHmac(exchange, shop == null ? null : shop.trim().toLowerCase(Locale.ROOT), "x-shopify-hmac-sha256");
    }

    private boolean isOrderTopic(Exchange exchange) {
        return steps.isOrderTopic(exchange, ORDER_TOPICS, Deliveries.delivery(exchange).header("x-shopify-topic"));
    }

    private ImportResult ignoredTopic(Exchange exchange) {
        return ImportResult.ignored("Shopify topic '" + Deliveries.delivery(exchange).header("x-shopify-topic")
                + "' is not an order topic");
    }
}
