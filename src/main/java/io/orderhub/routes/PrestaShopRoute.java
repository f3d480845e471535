package io.orderhub.routes;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.prestashop.PrestaShopEvents;
import io.orderhub.platform.prestashop.PrestaShopHydrator;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * PrestaShop's translator (docs/platforms/prestashop.md): thin events from a module on the shop's order hooks, signed
 * in {@code X-OrderHub-Signature}, the shop named in {@code X-OrderHub-Store}, orders hydrated from the shop's
 * Webservice (mappings/prestashop.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(90)
public class PrestaShopRoute extends WebhookPlatformRoute {

    /** {@code id_order}, the orders table id. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/id_order");

    private final PrestaShopEvents events;
    private final PrestaShopHydrator hydrator;

    public PrestaShopRoute(DeliverySteps steps, PrestaShopEvents events, PrestaShopHydrator hydrator) {
        super(steps);
        this.events = events;
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "prestashop";
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return PrestaShopEvents.recognises(delivery);
    }

    @Override
    protected void authenticate(Exchange exchange) {
        events.authenticate(exchange);
    }

    @Override
    protected String topic(Exchange exchange) {
        return PrestaShopEvents.hook(exchange);
    }

    @Override
    protected Set<String> orderTopics() {
        return Set.of("actionValidateOrder", "actionOrderStatusPostUpdate", "actionObjectOrderUpdateAfter");
    }

    @Override
    protected OrderIdentity orderIdentity() {
        return ORDER_ID;
    }

    @Override
    protected JsonNode received(Exchange exchange) {
        return PrestaShopEvents.event(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        return hydrator.hydrate(exchange);
    }
}
