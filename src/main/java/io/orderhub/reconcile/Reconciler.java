package io.orderhub.reconcile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.admin.Replays;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.order.ImportResult;
import io.orderhub.problem.Problems;
import io.orderhub.reconcile.Checkpoints.Checkpoint;
import io.orderhub.reconcile.OrdersApi.Page;
import io.orderhub.reconcile.OrdersApi.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One reconciliation run of one store: under the store's lease, read the orders updated since its
 * checkpoint page by page and feed each through the webhook's own path (translation, idempotent consumer),
 * moving the checkpoint after every stored page. An order already stored at that version is a duplicate and
 * changes nothing; a missing one is created (and counted as found missing); a newer one is an update.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ReconciledStores stores;
    private final Map<String, OrdersApi> apis;
    private final Checkpoints checkpoints;
    private final StoreHealth health;
    private final Replays replays;
    private final ReconcileProperties settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String owner;

    public Reconciler(ReconciledStores stores, List<OrdersApi> apis, Checkpoints checkpoints, StoreHealth health,
            Replays replays, ReconcileProperties settings, MeterRegistry meters, Clock clock) {
        this.stores = stores;
        this.apis = apis.stream().collect(Collectors.toMap(OrdersApi::platform, Function.identity()));
        this.checkpoints = checkpoints;
        this.health = health;
        this.replays = replays;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.owner = settings.instanceId() == null || settings.instanceId().isBlank() ? defaultInstanceId()
                : settings.instanceId();
    }

    /** What a run did; {@code busy} when another instance holds the store's lease. */
    public record Run(String status, String platform, String storeUid, Instant from, Instant to, int pages,
            Map<String, Integer> outcomes) {

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("platform", platform);
            body.put("store_uid", storeUid);
            body.put("from", from == null ? null : from.toString());
            body.put("to", to == null ? null : to.toString());
            body.put("pages", pages);
            body.put("outcomes", outcomes);
            return body;
        }
    }

    public Run run(String platform, String storeUid) {
        ReconciledStore store = stores.find(platform, storeUid).orElseThrow(() -> new Problems.NotFound(
                "Store " + platform + "/" + storeUid + " is not configured for reconciliation (orderhub.stores[].api)."));
        OrdersApi api = Optional.ofNullable(apis.get(store.platform())).orElseThrow(() -> new Problems.BadRequest(
                "Reconciliation does not know the " + store.platform() + " API."));
        String key = store.key();
        // One owner per run, so even two runs of one instance (timer and operator) exclude each other.
        String owner = this.owner + "/" + UUID.randomUUID().toString().substring(0, 8);
        Optional<Checkpoint> leased = checkpoints.lease(key, owner, settings.lease());
        if (leased.isEmpty()) {
            log.info("Reconciliation of {} skipped: another instance holds its lease", key);
            count("orderhub.reconcile.runs", store, "result", "busy");
            return new Run("busy", store.platform(), store.storeUid(), null, null, 0, Map.of());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = leased.get().since() == null ? now.minus(store.api().initialLookback())
                : leased.get().since().minus(settings.overlap());
        Checkpoint run = checkpoints.begin(key, owner, leased.get(), from, now);
        Window window = new Window(run.windowStart(), run.windowEnd());
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int pages = 0;
        try {
            String position = run.position();
            do {
                Page page = api.page(store, window, position);
                int created = 0;
                for (JsonNode order : page.orders()) {
                    String outcome = feed(api, store, order, window);
                    outcomes.merge(outcome, 1, Integer::sum);
                    count("orderhub.reconcile.orders", store, "outcome", outcome);
                    created += "created".equals(outcome) ? 1 : 0;
                }
                health.missingFound(store.platform(), store.storeUid(), created);
                checkpoints.pageStored(key, owner, page.next(), settings.lease());
                pages++;
                position = page.next();
            } while (position != null);
            checkpoints.complete(key, owner, window.to(), outcomes);
            count("orderhub.reconcile.runs", store, "result", "completed");
            log.info("Reconciled {} from {} to {}: {} page(s), {}", key, window.from(), window.to(), pages, outcomes);
            return new Run("completed", store.platform(), store.storeUid(), window.from(), window.to(), pages, outcomes);
        } catch (Checkpoints.LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            count("orderhub.reconcile.runs", store, "result", "failed");
            log.warn("Reconciliation of {} stopped after {} stored page(s): {}", key, pages, e.getMessage());
            checkpoints.failed(key, owner, e.getMessage());
            throw e;
        }
    }

    private String feed(OrdersApi api, ReconciledStore store, JsonNode order, Window window) {
        try {
            ImportResult result = replays.reconcile(store.store(),
                    api.delivery(store, order, "reconcile:" + window.to(), clock.instant()));
            return result.status();
        } catch (UnmappableOrderException e) {
            // Its webhook would be a dead letter too; reconciliation does not stop for one order.
            log.warn("Reconciled order {} of {} cannot be mapped: {}", order.path("id").asText(), store.key(), e.getMessage());
            return "unmappable";
        }
    }

    private void count(String name, ReconciledStore store, String tag, String value) {
        meters.counter(name, "platform", store.platform(), "store", store.storeUid(), tag, value).increment();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "hub";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
