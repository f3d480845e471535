package io.orderhub.reconcile;

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
import io.orderhub.order.ImportResult;
import io.orderhub.platform.ReplayedDelivery;
import io.orderhub.config.InstanceIds;
import io.orderhub.problem.Problems;
import io.orderhub.reconcile.Checkpoints.Checkpoint;
import io.orderhub.reconcile.OrdersApi.Page;
import io.orderhub.reconcile.OrdersApi.Window;
import org.apache.camel.Body;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of one reconciliation run of one store, which the {@code reconcile} route takes: under the store's
 * lease, read the orders updated since its checkpoint page by page, split each page into the webhook's own
 * path (translation, idempotent consumer), and move the checkpoint after every stored page. An order already
 * stored at that version is a duplicate and changes nothing; a missing one is created (and counted as found
 * missing); a newer one is an update.
 */
@Component
public class Reconciler {

    /** The exchange property holding the run in progress; absent when another instance holds the lease. */
    public static final String PASS = "orderhubReconcilePass";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final String ORDER_ID = "orderhubReconciledOrder";

    private final ReconciledStores stores;
    private final Map<String, OrdersApi> apis;
    private final ApiCalls calls;
    private final Checkpoints checkpoints;
    private final StoreHealth health;
    private final ReconcileProperties settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String owner;

    public Reconciler(ReconciledStores stores, List<OrdersApi> apis, ApiCalls calls, Checkpoints checkpoints,
            StoreHealth health, ReconcileProperties settings, MeterRegistry meters, Clock clock) {
        this.stores = stores;
        this.apis = apis.stream().collect(Collectors.toMap(OrdersApi::platform, Function.identity()));
        this.calls = calls;
        this.checkpoints = checkpoints;
        this.health = health;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.owner = InstanceIds.configuredOrDefault(settings.instanceId());
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

    /** A run under way: its leased store and window, where the next page starts and what it found so far. */
    public static final class Pass {
        private final ReconciledStore store;
        private final OrdersApi api;
        private final String owner;
        private final Window window;
        private final Map<String, Integer> outcomes = new LinkedHashMap<>();
        private String position;
        private boolean lastPageStored;
        private int pages;
        private int createdInPage;

        private Pass(ReconciledStore store, OrdersApi api, String owner, Window window, String position) {
            this.store = store;
            this.api = api;
            this.owner = owner;
            this.window = window;
            this.position = position;
        }
    }

    /**
     * Leases the store named by the {@code platform} and {@code store_uid} headers and opens its window; the
     * body becomes a {@code busy} run when another run holds the lease.
     */
    public void begin(Exchange exchange) {
        String platform = exchange.getMessage().getHeader("platform", String.class);
        String storeUid = exchange.getMessage().getHeader("store_uid", String.class);
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
            exchange.getMessage().setBody(new Run("busy", store.platform(), store.storeUid(), null, null, 0, Map.of()));
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = leased.get().since() == null ? now.minus(store.api().initialLookback())
                : leased.get().since().minus(settings.overlap());
        Checkpoint run = checkpoints.begin(key, owner, leased.get(), from, now);
        exchange.setProperty(PASS, new Pass(store, api, owner, new Window(run.windowStart(), run.windowEnd()),
                run.position()));
    }

    public boolean morePages(@ExchangeProperty(PASS) Pass pass) {
        return !pass.lastPageStored;
    }

    /** The orders of the run's next page. */
    public List<JsonNode> nextPage(@ExchangeProperty(PASS) Pass pass) {
        Page page = pass.api.page(calls, pass.store, pass.window, pass.position);
        pass.position = page.next();
        pass.createdInPage = 0;
        return page.orders();
    }

    /** One pulled order as the delivery its webhook would have been. */
    public ReplayedDelivery delivery(Exchange exchange) {
        Pass pass = exchange.getProperty(PASS, Pass.class);
        JsonNode order = exchange.getMessage().getBody(JsonNode.class);
        exchange.setProperty(ORDER_ID, order.path("id").asText());
        return new ReplayedDelivery(pass.store.platform(), pass.store.store(),
                pass.api.delivery(pass.store, order, "reconcile:" + pass.window.to(), clock.instant()), true);
    }

    public void imported(@ExchangeProperty(PASS) Pass pass, @Body ImportResult result) {
        counted(pass, result.status());
    }

    /** Its webhook would be a dead letter too; reconciliation does not stop for one order. */
    public void unmappable(Exchange exchange) {
        Pass pass = exchange.getProperty(PASS, Pass.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Reconciled order {} of {} cannot be mapped: {}", exchange.getProperty(ORDER_ID), pass.store.key(),
                failure.getMessage());
        counted(pass, "unmappable");
    }

    /** Every order of the page went through: the checkpoint moves past it. */
    public void pageStored(@ExchangeProperty(PASS) Pass pass) {
        health.missingFound(pass.store.platform(), pass.store.storeUid(), pass.createdInPage);
        checkpoints.pageStored(pass.store.key(), pass.owner, pass.position, settings.lease());
        pass.pages++;
        pass.lastPageStored = pass.position == null;
    }

    public Run completed(@ExchangeProperty(PASS) Pass pass) {
        ReconciledStore store = pass.store;
        checkpoints.complete(store.key(), pass.owner, pass.window.to(), pass.outcomes);
        count("orderhub.reconcile.runs", store, "result", "completed");
        log.info("Reconciled {} from {} to {}: {} page(s), {}", store.key(), pass.window.from(), pass.window.to(),
                pass.pages, pass.outcomes);
        return new Run("completed", store.platform(), store.storeUid(), pass.window.from(), pass.window.to(),
                pass.pages, pass.outcomes);
    }

    /**
     * The run stopped: the checkpoint keeps the last stored page for the next run, and the failure goes on to
     * whoever started the run, as it was raised (not as the wrapper a split puts around an order's failure).
     */
    public void failed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        while (failure instanceof CamelExchangeException && failure.getCause() instanceof Exception cause) {
            failure = cause;
        }
        if (!(failure instanceof Checkpoints.LeaseLostException)) {
            Pass pass = exchange.getProperty(PASS, Pass.class);
            count("orderhub.reconcile.runs", pass.store, "result", "failed");
            log.warn("Reconciliation of {} stopped after {} stored page(s): {}", pass.store.key(), pass.pages,
                    failure.getMessage());
            checkpoints.failed(pass.store.key(), pass.owner, failure.getMessage());
        }
        throw failure;
    }

    private void counted(Pass pass, String outcome) {
        pass.outcomes.merge(outcome, 1, Integer::sum);
        count("orderhub.reconcile.orders", pass.store, "outcome", outcome);
        pass.createdInPage += "created".equals(outcome) ? 1 : 0;
    }

    private void count(String name, ReconciledStore store, String tag, String value) {
        meters.counter(name, "platform", store.platform(), "store", store.storeUid(), tag, value).increment();
    }

}
