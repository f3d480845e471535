package io.orderhub.reconcile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.RetryingHttp;
import io.orderhub.translate.PayloadJson;
import org.springframework.stereotype.Component;

/**
 * BigCommerce's V2 API: {@code GET /stores/{hash}/v2/orders} with {@code min/max_date_modified}, oldest
 * change first, {@code page}/{@code limit}; an empty page is a 204. Each order becomes a thin event, which
 * the BigCommerce route hydrates exactly as it hydrates a webhook (order, products, shipping addresses).
 */
@Component
public class BigCommerceOrdersApi implements OrdersApi {

    static final String DEFAULT_API = "https://api.bigcommerce.com";

    private final ApiCalls calls;
    private final PayloadJson json;

    public BigCommerceOrdersApi(ApiCalls calls, PayloadJson json) {
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String platform() {
        return "bigcommerce";
    }

    @Override
    public Page page(ReconciledStore store, Window window, String position) {
        int page = position == null ? 1 : Integer.parseInt(position);
        URI uri = URI.create(store.store().apiBaseUrl() + "/stores/" + store.storeUid() + "/v2/orders?min_date_modified="
                + window.from() + "&max_date_modified=" + window.to() + "&sort=date_modified:asc&limit="
                + store.api().pageSize() + "&page=" + page);
        String token = store.store().accessToken();
        RetryingHttp.Answer answer = calls.get(uri, Map.of("X-Auth-Token", token == null ? "" : token));
        List<JsonNode> orders = new ArrayList<>();
        calls.json(answer, uri).forEach(orders::add);
        boolean more = orders.size() == store.api().pageSize();
        return new Page(orders, more ? String.valueOf(page + 1) : null);
    }

    @Override
    public InboundDelivery delivery(ReconciledStore store, JsonNode order, String eventId, Instant pulledAt) {
        ObjectNode event = json.mapper().createObjectNode();
        event.put("scope", Deliveries.RECONCILE_TOPIC);
        event.putObject("data").put("type", "order").put("id", order.path("id").asLong());
        event.put("hash", eventId);
        event.put("created_at", pulledAt.getEpochSecond());
        event.put("producer", "stores/" + store.storeUid());
        return new InboundDelivery(pulledAt, ContentTypes.JSON, Map.of("content-type", ContentTypes.JSON),
                event.toString().getBytes(StandardCharsets.UTF_8), platform());
    }
}
