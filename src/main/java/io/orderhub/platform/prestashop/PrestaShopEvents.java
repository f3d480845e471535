package io.orderhub.platform.prestashop;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * PrestaShop has no order webhook of its own: a small module on the shop's order hooks ({@code actionValidateOrder},
 * {@code actionOrderStatusPostUpdate}) posts a thin event {@code {"hook","id_order","id_order_state","id_shop"}} with
 * the hook in {@code X-PrestaShop-Hook}, the shop in {@code X-OrderHub-Store} and base64(HMAC-SHA256(store
 * webhook-secret, body)) in {@code X-OrderHub-Signature}, the generic platform's scheme. Only the order id is taken
 * from it: the order itself always comes from the shop's Webservice (docs/platforms/prestashop.md).
 */
@Component
public class PrestaShopEvents {

    public static final String HOOK_HEADER = "x-prestashop-hook";
    public static final String STORE_HEADER = "x-orderhub-store";
    public static final String SIGNATURE_HEADER = "x-orderhub-signature";
    private static final String EVENT = "orderhubPrestaShopEvent";

    private final PayloadJson json;
    private final DeliverySteps steps;

    public PrestaShopEvents(PayloadJson json, DeliverySteps steps) {
        this.json = json;
        this.steps = steps;
    }

    public static boolean recognises(InboundDelivery delivery) {
        return delivery.header(HOOK_HEADER) != null;
    }

    public static JsonNode event(Exchange exchange) {
        return exchange.getProperty(EVENT, JsonNode.class);
    }

    /** The hook that fired, from the header (the body's {@code hook} for a delivery replayed without it). */
    public static String hook(Exchange exchange) {
        String header = Deliveries.delivery(exchange).header(HOOK_HEADER);
        return header != null ? header.trim() : event(exchange).path("hook").asText(null);
    }

    public void authenticate(Exchange exchange) {
        String store = Deliveries.delivery(exchange).header(STORE_HEADER);
        steps.authenticateHmac(exchange, store == null ? null : store.trim().toLowerCase(Locale.ROOT), SIGNATURE_HEADER);
        exchange.setProperty(EVENT, json.parse(Deliveries.delivery(exchange).rawBody(), "prestashop"));
    }
}
