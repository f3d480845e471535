package io.orderhub.routes;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.reconcile.ApiCalls;
import io.orderhub.reconcile.Keyset;
import io.orderhub.reconcile.KeysetOrdersApi;
import io.orderhub.reconcile.OrdersApi;
import io.orderhub.reconcile.PlatformListing;
import io.orderhub.reconcile.ReconciledStore;

/**
 * PrestaShop's Webservice (docs/platforms/prestashop.md): {@code GET /api/orders?display=[id,date_upd]&filter[date_upd]=
 * [from,to]&date=1&sort=[date_upd_ASC,id_ASC]&limit=offset,n&output_format=JSON}, the Webservice key as the Basic user
 * name; paged by {@link Keyset}. The shop writes {@code date_upd} in its own time zone ({@code PS_TIMEZONE}, read once
 * per store), so the window is asked in that zone. Only ids are listed: each becomes the thin hook event the shop's
 * module would have sent, which the PrestaShop route hydrates as it hydrates a webhook.
 */
@PlatformListing(platform = "prestashop", hydrated = true)
public class PrestaShopOrdersApi extends KeysetOrdersApi {

    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        String base = store.baseUrl("https://" + store.storeUid());
        ZoneId zone = zones.computeIfAbsent(store.key(), key -> zone(calls, store, base));
        URI uri = URI.create(base + "/api/orders?output_format=JSON&display=%5Bid,date_upd%5D&filter%5Bdate_upd%5D=%5B"
                + local(keyset.from(window), zone) + "," + local(window.to(), zone) + "%5D&date=1"
                + "&sort=%5Bdate_upd_ASC,id_ASC%5D&limit=" + keyset.offset() + "," + limit);
        JsonNode answer = calls.json(calls.get(uri, auth(store)), uri);
        return keyset.next(ApiCalls.list(answer.path("orders")), limit,
                order -> LocalDateTime.parse(order.path("date_upd").asText(), PrestaShopRoute.PRESTASHOP_TIME).atZone(zone).toInstant(),
                order -> order.path("id").asText());
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode event = object();
        event.put("hook", Deliveries.RECONCILE_TOPIC);
        event.put("id_order", order.path("id").asLong());
        return OrdersApi.jsonDelivery(platform(), event, pulledAt, Map.of(PrestaShopRoute.HOOK_HEADER,
                Deliveries.RECONCILE_TOPIC, "x-orderhub-store", store.storeUid()));
    }

    /** {@code PS_TIMEZONE}, UTC when the shop sets none. */
    private static ZoneId zone(ApiCalls calls, ReconciledStore store, String base) {
        URI uri = URI.create(base + "/api/configurations?output_format=JSON&display=full&filter%5Bname%5D=PS_TIMEZONE");
        for (JsonNode configuration : calls.json(calls.get(uri, auth(store)), uri).path("configurations")) {
            try {
                return ZoneId.of(configuration.path("value").asText());
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }

    private static Map<String, String> auth(ReconciledStore store) {
        String key = store.accessToken() == null ? "" : store.accessToken();
        return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((key + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String local(Instant at, ZoneId zone) {
        return PrestaShopRoute.PRESTASHOP_TIME.format(at.atZone(zone)).replace(" ", "%20");
    }
}
