package io.orderhub.routes;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Magento 2 / Adobe Commerce REST (docs/platforms/magento.md): {@code GET /rest/V1/orders} with {@code searchCriteria}
 * filters {@code updated_at gteq} / {@code lteq} (UTC, {@code yyyy-MM-dd HH:mm:ss}), sorted by {@code updated_at}
 * then {@code entity_id} ascending, {@code pageSize}/{@code currentPage}, an integration's bearer token; paged by
 * {@link Keyset}. The listing carries whole orders, so each becomes the observer webhook Commerce would have sent,
 * its addresses where the webhook has them ({@code addresses}, not the REST {@code billing_address} and
 * shipping assignments).
 */
@PlatformListing(platform = "magento", hydrated = false)
public class MagentoOrdersApi extends KeysetOrdersApi {

    private static final DateTimeFormatter MAGENTO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String CRITERIA = "searchCriteria%5B";
    private static final String FILTER = CRITERIA + "filter_groups%5D%5B";

    @Override
    protected Page page(ApiCalls calls, ReconciledStore store, Window window, Keyset keyset, int limit) {
        URI uri = URI.create(store.baseUrl("https://" + store.storeUid()) + "/rest/V1/orders?"
                + filter(0, "gteq", keyset.from(window)) + "&" + filter(1, "lteq", window.to())
                + "&" + CRITERIA + "sortOrders%5D%5B0%5D%5Bfield%5D=updated_at&" + CRITERIA + "sortOrders%5D%5B0%5D%5Bdirection%5D=ASC"
                + "&" + CRITERIA + "sortOrders%5D%5B1%5D%5Bfield%5D=entity_id&" + CRITERIA + "sortOrders%5D%5B1%5D%5Bdirection%5D=ASC"
                + "&" + CRITERIA + "pageSize%5D=" + limit + "&" + CRITERIA + "currentPage%5D=" + keyset.page(limit));
        JsonNode answer = calls.json(calls.get(uri, Map.of("Authorization", "Bearer " + store.accessToken())), uri);
        return keyset.nextOfPage(ApiCalls.list(answer.path("items")), limit,
                order -> LocalDateTime.parse(order.path("updated_at").asText(), MAGENTO_TIME).toInstant(ZoneOffset.UTC),
                order -> order.path("entity_id").asText());
    }

    private static String filter(int group, String condition, Instant at) {
        String prefix = FILTER + group + "%5D%5Bfilters%5D%5B0%5D%5B";
        return prefix + "field%5D=updated_at&" + prefix + "value%5D="
                + MAGENTO_TIME.format(at.atOffset(ZoneOffset.UTC)).replace(" ", "%20") + "&" + prefix
                + "condition_type%5D=" + condition;
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode webhook = object();
        webhook.putArray("subject");
        webhook.put("eventName", Deliveries.RECONCILE_TOPIC);
        webhook.putObject("data").set("order", withAddresses(order));
        return OrdersApi.jsonDelivery(platform(), webhook, pulledAt, Map.of("x-orderhub-store", store.storeUid()));
    }

    /** The REST order's billing address and first shipping assignment's address as the webhook's {@code addresses}. */
    private JsonNode withAddresses(JsonNode order) {
        if (order.has("addresses") || !order.isObject()) {
            return order;
        }
        ObjectNode copy = order.deepCopy();
        ArrayNode addresses = copy.putArray("addresses");
        if (order.path("billing_address").isObject()) {
            addresses.add(order.get("billing_address"));
        }
        JsonNode shipping = order.at("/extension_attributes/shipping_assignments/0/shipping/address");
        if (shipping.isObject()) {
            addresses.add(((ObjectNode) shipping.deepCopy()).put("address_type", "shipping"));
        }
        return copy;
    }
}
