package io.orderhub.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.PlatformSettings;
import io.orderhub.config.OrderHubProperties.StoreApi;
import io.orderhub.config.OrderHubProperties.StoreSettings;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@code GET /admin/stores}: every configured store, its API settings with secrets masked, where its
 * reconciliation stands and its webhook health; then every other store that has sent a webhook (signed with
 * its platform's secret), {@code "configured": false}. A store whose last webhook is older than
 * {@code stale-after-intervals} intervals (or that never had one) while reconciliation keeps finding
 * missing orders is flagged {@code webhooks_stale}.
 */
@Component
public class StoreStatus {

    private static final String MASK = "********";

    private final List<StoreSettings> stores;
    private final Map<String, PlatformSettings> platforms;
    private final Checkpoints checkpoints;
    private final StoreHealth health;
    private final ReconcileProperties settings;
    private final Clock clock;

    public StoreStatus(OrderHubProperties properties, Checkpoints checkpoints, StoreHealth health,
            ReconcileProperties settings, Clock clock) {
        this.stores = properties.stores();
        this.platforms = properties.platforms();
        this.checkpoints = checkpoints;
        this.health = health;
        this.settings = settings;
        this.clock = clock;
    }

    public Map<String, Object> all() {
        Map<String, Document> runs = checkpoints.all().stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        Map<String, StoreHealth.Health> healths = health.all();
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> configured = new HashSet<>();
        for (StoreSettings store : stores) {
            String key = Checkpoints.key(store.platform().toLowerCase(Locale.ROOT), store.storeUid());
            configured.add(key);
            items.add(one(store, runs.get(key), healths.getOrDefault(key, StoreHealth.Health.NONE)));
        }
        new TreeMap<>(healths).forEach((key, known) -> {
            if (known.lastWebhookAt() != null && !configured.contains(key)) {
                items.add(unconfigured(key, known));
            }
        });
        return Map.of("items", items);
    }

    /**
     * A store that sends webhooks signed with its platform's secret ({@code orderhub.platforms.{platform}.webhook-secret},
     * e.g. every shop of a Shopify app) without an {@code orderhub.stores} entry: known only by its webhooks.
     */
    private Map<String, Object> unconfigured(String key, StoreHealth.Health health) {
        // Checkpoints.key is platform/store_uid, and platform names have no slash (store uids may).
        String platform = key.substring(0, key.indexOf('/'));
        PlatformSettings defaults = platforms.get(platform);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("platform", platform);
        item.put("store_uid", key.substring(key.indexOf('/') + 1));
        item.put("configured", false);
        item.put("webhook_secret", masked(defaults == null ? null : defaults.webhookSecret()));
        item.put("webhook_secret_from", "platform");
        item.put("api", null);
        item.put("reconcile", null);
        item.put("last_webhook_at", health.lastWebhookAt().toString());
        item.put("missing_found", health.missingFound());
        item.put("webhooks_stale", false);
        return item;
    }

    private Map<String, Object> one(StoreSettings store, Document run, StoreHealth.Health health) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("platform", store.platform());
        item.put("store_uid", store.storeUid());
        item.put("configured", true);
        item.put("webhook_secret", masked(store.webhookSecret()));
        item.put("webhook_secret_from", store.webhookSecret() == null || store.webhookSecret().isBlank() ? "platform" : "store");
        item.put("api", api(store.api()));
        item.put("reconcile", run == null ? null : reconcile(run));
        item.put("last_webhook_at", health.lastWebhookAt() == null ? null : health.lastWebhookAt().toString());
        item.put("missing_found", health.missingFound());
        item.put("webhooks_stale", stale(store.api(), run, health.lastWebhookAt()));
        return item;
    }

    private boolean stale(StoreApi api, Document run, Instant lastWebhook) {
        if (api == null || !api.enabled() || run == null) {
            return false;
        }
        Document outcomes = run.get("last_outcomes", Document.class);
        Number foundMissing = outcomes == null ? null : outcomes.get("created", Number.class);
        Duration quiet = api.interval().multipliedBy(settings.staleAfterIntervals());
        return foundMissing != null && foundMissing.intValue() > 0
                && (lastWebhook == null || lastWebhook.isBefore(clock.instant().minus(quiet)));
    }

    private static Map<String, Object> api(StoreApi api) {
        if (api == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", api.enabled());
        body.put("base_url", api.baseUrl());
        body.put("access_token", masked(api.accessToken()));
        body.put("consumer_key", masked(api.consumerKey()));
        body.put("consumer_secret", masked(api.consumerSecret()));
        body.put("interval", api.interval().toString());
        body.put("page_size", api.pageSize());
        body.put("initial_lookback", api.initialLookback().toString());
        return body;
    }

    private static Map<String, Object> reconcile(Document run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", time(run, "since"));
        body.put("in_progress", Boolean.TRUE.equals(run.getBoolean("in_progress")));
        body.put("window_start", time(run, "window_start"));
        body.put("window_end", time(run, "window_end"));
        body.put("position", run.getString("position"));
        body.put("pages_stored", run.get("pages_stored", Number.class));
        body.put("last_run_at", time(run, "last_run_at"));
        body.put("last_outcomes", run.get("last_outcomes"));
        body.put("last_error", run.getString("last_error"));
        body.put("leased", run.getString("lease_owner") != null);
        return body;
    }

    private static String time(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }

    private static String masked(String secret) {
        return secret == null || secret.isBlank() ? null : MASK;
    }
}
