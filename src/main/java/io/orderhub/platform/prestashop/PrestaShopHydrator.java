package io.orderhub.platform.prestashop;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformApi;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.translate.OrderTranslator;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a thin PrestaShop event into a whole order from the shop's Webservice ({@code /api/…?output_format=JSON},
 * the Webservice key as Basic user name): the order with its {@code order_rows}, then what it only names by id (the
 * currency, both addresses and their countries, the customer, the order state, the carrier) and the shop's time zone,
 * because PrestaShop writes its dates in that zone without an offset: the envelope's {@code times} carry it.
 */
@Component
public class PrestaShopHydrator {

    private static final String API = "PrestaShop Webservice";
    private static final String JSON = "?output_format=JSON";
    private static final DateTimeFormatter PRESTASHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PlatformApi api;
    private final OrderTranslator translator;

    public PrestaShopHydrator(PlatformApi api, OrderTranslator translator) {
        this.api = api;
        this.translator = translator;
    }

    public ObjectNode hydrate(Exchange exchange) {
        JsonNode event = PrestaShopEvents.event(exchange);
        Store store = Deliveries.store(exchange);
        String orderId = event.path("id_order").asText("");
        if (!orderId.matches("[1-9][0-9]*")) {
            throw new UnmappableOrderException("The PrestaShop event names no order (id_order)");
        }
        // The shop is its own API: its URL is the store's api-base-url, else the store uid as a host.
        String base = PlatformApi.baseUrl(store, "https://" + store.storeUid()) + "/api/";
        Map<String, String> auth = basic(store);
        JsonNode order = PlatformApi.found(PlatformApi.join(api.fetch(API, base + "orders/" + orderId + JSON, auth)), API,
                "PrestaShop order " + orderId + " of shop " + store.storeUid()).path("order");

        Map<String, CompletableFuture<JsonNode>> named = new LinkedHashMap<>();
        named.put("currency", resource(base, "currencies", order.path("id_currency"), auth));
        named.put("delivery_address", resource(base, "addresses", order.path("id_address_delivery"), auth));
        named.put("invoice_address", resource(base, "addresses", order.path("id_address_invoice"), auth));
        named.put("customer", resource(base, "customers", order.path("id_customer"), auth));
        named.put("order_state", resource(base, "order_states", order.path("current_state"), auth));
        named.put("carrier", resource(base, "carriers", order.path("id_carrier"), auth));
        CompletableFuture<JsonNode> timeZone = api.fetch(API,
                base + "configurations" + JSON + "&display=full&filter%5Bname%5D=PS_TIMEZONE", auth);

        ObjectNode envelope = translator.envelope(exchange, order);
        named.forEach((name, resource) -> envelope.set(name, unwrap(PlatformApi.join(resource))));
        for (String address : new String[] {"delivery_address", "invoice_address"}) {
            envelope.set(address.replace("address", "country"),
                    unwrap(PlatformApi.join(resource(base, "countries", envelope.path(address).path("id_country"), auth))));
        }
        ZoneId zone = zone(PlatformApi.join(timeZone));
        ObjectNode times = envelope.putObject("times");
        times.put("time_zone", zone.getId());
        times.put("date_add", withOffset(order.path("date_add").asText(null), zone));
        times.put("date_upd", withOffset(order.path("date_upd").asText(null), zone));
        envelope.set("event", event);
        envelope.put("hook", PrestaShopEvents.hook(exchange));
        return envelope;
    }

    /** {@code /api/{resource}/{id}}, or nothing for an id of 0 (a guest's customer, an order without carrier). */
    private CompletableFuture<JsonNode> resource(String base, String resource, JsonNode id, Map<String, String> auth) {
        String value = id.asText("");
        if (!value.matches("[1-9][0-9]*")) {
            return CompletableFuture.completedFuture(null);
        }
        return api.fetch(API, base + resource + "/" + value + JSON, auth);
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

    private static Map<String, String> basic(Store store) {
        String key = store.accessToken() == null ? "" : store.accessToken();
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
    }
}
