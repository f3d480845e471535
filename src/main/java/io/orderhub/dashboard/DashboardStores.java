package io.orderhub.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderhub.reconcile.StoreStatus;
import org.springframework.stereotype.Component;

/**
 * The dashboard's store list: per store (configured, or known by its webhooks only) its webhook health as {@code GET /admin/stores} tells it,
 * without the settings and secrets. The flag is {@code GET /admin/stores}' own {@code webhooks_stale}, so the
 * page and the API never disagree: a store is flagged when its latest reconciliation run found orders that
 * never arrived as webhooks while no webhook has arrived for {@code orderhub.reconcile.stale-after-intervals}
 * times its reconcile interval (or ever). Missing orders while webhooks still arrive are single lost
 * deliveries, not a stopped subscription; a quiet store with nothing missing is just quiet.
 */
@Component
public record DashboardStores(StoreStatus status) {

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> store : (List<Map<String, Object>>) status.all().get("items")) {
            Map<String, Object> api = (Map<String, Object>) store.get("api");
            Map<String, Object> reconcile = (Map<String, Object>) store.get("reconcile");
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("platform", store.get("platform"));
            item.put("store_uid", store.get("store_uid"));
            item.put("configured", store.get("configured"));
            item.put("reconciled", api != null && Boolean.TRUE.equals(api.get("enabled")));
            item.put("reconcile_interval", api == null ? null : api.get("interval"));
            item.put("last_webhook_at", store.get("last_webhook_at"));
            item.put("last_reconciled_at", reconcile == null ? null : reconcile.get("last_run_at"));
            item.put("missing_found", store.get("missing_found"));
            item.put("webhooks_stale", store.get("webhooks_stale"));
            items.add(item);
        }
        return items;
    }
}
