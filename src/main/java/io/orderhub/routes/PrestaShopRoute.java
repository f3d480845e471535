package io.orderhub.routes;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.Hydration;
import io.orderhub.platform.Hydration.TokenAuth;
import io.orderhub.platform.Hydrator;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.platform.PlatformShape;
import org.apache.camel.Exchange;

/**
 * PrestaShop's translator (docs/platforms/prestashop.md). PrestaShop has no order webhook of its own: a small module on
 * the shop's order hooks posts a thin event {@code {"hook","id_order","id_order_state","id_shop"}} with the hook in
 * {@code X-PrestaShop-Hook}, the shop in {@code X-OrderHub-Store} and the generic platform's signature in
 * {@code X-OrderHub-Signature}. Only the order id is taken from it: the order comes from the shop's Webservice
 * ({@code /api/…?output_format=JSON}, the Webservice key as Basic user name), then what it only names by id (the
 * currency, both addresses and their countries, the customer, the order state, the carrier) and the shop's time zone,
 * because PrestaShop writes its dates in that zone without an offset: the envelope's {@code times} carry it
 * (mappings/prestashop.jslt).
 */
@PlatformRoute(order = 90)
public class PrestaShopRoute extends WebhookPlatformRoute {

    static final String HOOK_HEADER = "x-prestashop-hook";

    private static final String JSON = "?output_format=JSON";
    /** The shop is its own API: its URL is the store's api-base-url, else the store uid as a host. */
    private static final Hydration HYDRATION = new Hydration("PrestaShop Webservice", "https://{store}",
            TokenAuth.BASIC_USER, Map.of(), "/api/orders/{id}" + JSON, List.of(), "event");
    /** {@code id_order}, the orders table id; the hook is the header's (the body's for a delivery replayed without it). */
    private static final PlatformShape PRESTASHOP = PlatformShape.of("prestashop", OrderIdentity.positiveLong("/id_order"))
            .withTopics(HOOK_HEADER, "/hook", "actionValidateOrder", "actionOrderStatusPostUpdate",
                    "actionObjectOrderUpdateAfter")
            .withRecognisingHeader(HOOK_HEADER)
            .withSignature("x-orderhub-store", "x-orderhub-signature");
    /** How PrestaShop writes its dates: in the shop's time zone, without an offset. */
    static final DateTimeFormatter PRESTASHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Hydrator hydrator;

    public PrestaShopRoute(DeliverySteps steps) {
        super(steps, PRESTASHOP);
        this.hydrator = steps.hydrator();
    }

    /** The thin event is parsed right after its signature, so an authentic body that is not JSON is a 400. */
    @Override
    protected void authenticate(Exchange exchange) {
        super.authenticate(exchange);
        steps.received(exchange);
    }

    @Override
    protected ObjectNode envelope(Exchange exchange) {
        Store store = Deliveries.store(exchange);
        JsonNode order = hydrator.order(exchange, HYDRATION, orderId(exchange)).path("order");
        Map<String, CompletableFuture<JsonNode>> named = new LinkedHashMap<>();
        named.put("currency", resource(store, "currencies", order.path("id_currency")));
        named.put("delivery_address", resource(store, "addresses", order.path("id_address_delivery")));
        named.put("invoice_address", resource(store, "addresses", order.path("id_address_invoice")));
        named.put("customer", resource(store, "customers", order.path("id_customer")));
        named.put("order_state", resource(store, "order_states", order.path("current_state")));
        named.put("carrier", resource(store, "carriers", order.path("id_carrier")));
        CompletableFuture<JsonNode> timeZone = hydrator.fetch(HYDRATION, store,
                "/api/configurations" + JSON + "&display=full&filter%5Bname%5D=PS_TIMEZONE", "");

        ObjectNode envelope = steps.envelope(exchange, order);
        named.forEach((name, resource) -> envelope.set(name, unwrap(PlatformApi.join(resource))));
        for (String address : new String[] {"delivery_address", "invoice_address"}) {
            envelope.set(address.replace("address", "country"),
                    unwrap(PlatformApi.join(resource(store, "countries", envelope.path(address).path("id_country")))));
        }
        ZoneId zone = zone(PlatformApi.join(timeZone));
        ObjectNode times = envelope.putObject("times");
        times.put("time_zone", zone.getId());
        times.put("date_add", withOffset(order.path("date_add").asText(null), zone));
        times.put("date_upd", withOffset(order.path("date_upd").asText(null), zone));
        envelope.set("event", received(exchange));
        envelope.put("hook", topic(exchange));
        return envelope;
    }

    /** {@code /api/{resource}/{id}}, or nothing for an id of 0 (a guest's customer, an order without carrier). */
    private CompletableFuture<JsonNode> resource(Store store, String resource, JsonNode id) {
        String value = id.asText("");
        if (!value.matches("[1-9][0-9]*")) {
            return CompletableFuture.completedFuture(null);
        }
        return hydrator.fetch(HYDRATION, store, "/api/" + resource + "/" + value + JSON, value);
    }

    /** The Webservice wraps each resource in its name ({@code {"address":{…}}}). */
    private static JsonNode unwrap(JsonNode answer) {
        if (answer == null || !answer.isObject() || answer.size() != 1) {
            return answer;
        }
        return answer.elements().next();
    }

    /** PS_TIMEZONE from {@code {"configurations":[{"name":"PS_TIMEZONE","value":"Europe/Paris"}]}}; UTC when unset. */
    private static ZoneId zone(JsonNode configurations) {
        JsonNode list = configurations == null ? null : configurations.path("configurations");
        if (list != null && list.isArray()) {
            for (JsonNode configuration : list) {
                if ("PS_TIMEZONE".equals(configuration.path("name").asText())) {
                    try {
                        return ZoneId.of(configuration.path("value").asText());
                    } catch (DateTimeException e) {
                        throw new UnmappableOrderException("The shop's PS_TIMEZONE '" + configuration.path("value").asText()
                                + "' is not a time zone");
                    }
                }
            }
        }
        return ZoneOffset.UTC;
    }

    /** {@code 2026-11-21 10:00:00} in the shop's zone with its offset ({@code …T10:00:00+01:00}); the empty date stays null. */
    private static String withOffset(String local, ZoneId zone) {
        if (local == null || local.isBlank() || local.startsWith("0000-00-00")) {
            return null;
        }
        try {
            return LocalDateTime.parse(local, PRESTASHOP_TIME).atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new UnmappableOrderException("PrestaShop date '" + local + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }
}
