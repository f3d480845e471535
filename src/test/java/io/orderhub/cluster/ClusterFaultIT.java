package io.orderhub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;
import io.orderhub.bench.BigCommerceApiDouble;
import io.orderhub.bench.Workload;
import io.orderhub.dashboard.StoredCounters;
import io.orderhub.order.OrderDocuments;
import io.orderhub.mongo.IdPages;
import io.orderhub.support.DashboardSocket;
import io.orderhub.support.FixtureStores;
import io.orderhub.support.HubClient;
import io.orderhub.support.PartnerRegistries;
import io.orderhub.support.Poll;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * The production shape as {@code ops/cluster.sh up} starts it (Redis with its append-only file, the store as its
 * own process, two import instances, a partner and a dashboard instance, nginx in front), each role alone in its
 * own JVM. A steady stream of signed Shopify, WooCommerce and BigCommerce deliveries (hydrated from a loopback
 * API; exact redeliveries and newer versions mixed in) goes through nginx while one fault after the other is
 * injected. After each: every delivery answered 2xx is stored exactly once, every order of the stream ends
 * assigned exactly once (or on the default partner, flagged for review), and the dashboard's counters, read
 * through nginx's WebSocket, equal the store's. Each fault prints one {@code CLUSTER} line.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {

    private static final int RATE = 25;
    private static final int PER_FAULT = 500;
    private static final String DEFAULT_PARTNER = "hub-fallback-courier";
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** A probe scans the stream's orders in the store or opens a WebSocket: twice a second is enough. */
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);

    private static BigCommerceApiDouble platformApi;
    private static Cluster cluster;
    private static MongoClient store;
    private static long nextOrderId = 7_000_000_000L;

    @BeforeAll
    static void startTheCluster() throws IOException {
        Path dir = Paths.get("target", "cluster-it").toAbsolutePath();
        Cluster.downIfLeftRunning(dir);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        platformApi = BigCommerceApiDouble.start();
        Path stores = dir.resolve("stores.properties");
        Files.writeString(stores, FixtureStores.properties(platformApi.baseUrl()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        List<String> hubArgs = List.of(
                "--orderhub.partner.seed-file=file:" + PartnerRegistries.withRoom(dir, 100_000),
                // The customer timeline in seconds instead of minutes, so a partner outage runs all of it.
                "--orderhub.assignment.initial-search=3s", "--orderhub.assignment.retry-interval=500ms",
                "--orderhub.assignment.decision-timeout=2s", "--orderhub.assignment.extended-search=2s",
                "--orderhub.assignment.background.initial-backoff=1s", "--orderhub.assignment.background.max-backoff=2s",
                "--orderhub.assignment.extended-outage=8s", "--orderhub.assignment.breaker.open-wait=2s",
                "--orderhub.assignment.breaker.call-timeout=1s", "--orderhub.assignment.poll-interval=250ms",
                "--orderhub.dashboard.resync-interval=5s");
        cluster = Cluster.up(dir, stores, hubArgs);
        store = MongoClients.create(cluster.storeUri());
    }

    @AfterAll
    static void stopTheCluster() {
        try {
            if (store != null) {
                store.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (platformApi != null) {
                platformApi.close();
            }
        }
    }

    @Test
    @Order(1)
    void killNineOfAnImportInstance() {
        faultDuringStream("kill-import", () -> cluster.kill("import-1"), () -> cluster.start("import-1"));
    }

    @Test
    @Order(2)
    void redisRestart() {
        faultDuringStream("redis-restart", () -> cluster.stop("redis"), () -> cluster.start("redis"));
    }

    @Test
    @Order(3)
    void storeStoppedForThirtySeconds() {
        faultDuringStream("store-stopped", () -> cluster.stop("store"), () -> {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30));
            cluster.start("store");
        });
    }

    @Test
    @Order(4)
    void partnerServiceStoppedForTheWholeTimeline() {
        List<Document> orders = faultDuringStream("partner-stopped", () -> cluster.stop("partner"), () -> {
            // initial search, the choice, background and the extended outage, shortened: about 15 s.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(20));
            cluster.start("partner");
        });
        assertThat(orders).as("orders the outage sent to the default partner, flagged for review")
                .anyMatch(order -> DEFAULT_PARTNER.equals(delivery(order).getString("partner_id"))
                        && Boolean.TRUE.equals(delivery(order).getBoolean("needs_review")));
    }

    @Test
    @Order(5)
    void dashboardRestartedWhileAClientIsConnectedThroughNginx() {
        DashboardSocket socket = DashboardSocket.connect(cluster.port(), Cluster.DASHBOARD_TOKEN);
        assertThat(firstFrame(socket).path("type").asText()).isEqualTo("snapshot");
        faultDuringStream("dashboard-restart", () -> cluster.stop("dashboard"), () -> {
            assertThat(socket.closeCode(Duration.ofSeconds(30))).as("the client sees the socket close").isPositive();
            cluster.start("dashboard");
        });
        // The page reconnects and gets a fresh snapshot; faultDuringStream has checked its counters.
        socket.close();
    }

    /**
     * Sends {@link #PER_FAULT} deliveries at {@link #RATE}/s; a third of the way in runs {@code fault}, then
     * {@code recover}; then checks exactly-once, assignment and the dashboard, and prints the CLUSTER line.
     *
     * @return the stream's stored orders
     */
    private static List<Document> faultDuringStream(String fault, Runnable inject, Runnable recover) {
        Workload workload = Workload.generate(PER_FAULT, nextOrderId, fault.hashCode(), Workload.lag(8));
        nextOrderId += PER_FAULT;
        DeliveryStream stream = new DeliveryStream(cluster.client(), workload.requests(), RATE).start();
        await(() -> stream.dispatched() >= PER_FAULT / 3, Duration.ofMinutes(1), "a third of the stream sent");
        inject.run();
        recover.run();
        List<DeliveryStream.Sent> sent = stream.await();

        Set<String> acknowledged = DeliveryStream.keys(sent, DeliveryStream.Sent::acknowledged);
        Set<String> keys = DeliveryStream.keys(sent, s -> true);
        // A platform retries what got no 2xx (as after a refusal while nothing could store it): once, now.
        List<DeliveryStream.Sent> retried = new ArrayList<>();
        for (DeliveryStream.Sent unanswered : sent) {
            if (!unanswered.acknowledged()) {
                retried.add(DeliveryStream.send(cluster.client(), unanswered.request()));
            }
        }
        // Queued (202) deliveries are stored once the store is back and the queue drained.
        await(() -> storedCounts(keys).keySet().containsAll(acknowledged), SETTLE, "every acknowledged order stored");
        Map<String, Integer> stored = storedCounts(keys);
        long duplicated = stored.values().stream().filter(n -> n > 1).count();
        long lost = acknowledged.stream().filter(key -> !stored.containsKey(key)).count();

        boolean allAssigned = poll(() -> unassigned(orders(keys)).isEmpty(), SETTLE);
        List<Document> orders = orders(keys);
        long assigned = orders.stream().filter(o -> "assigned".equals(delivery(o).getString("status"))).count();
        String dashboard = dashboardDifference();

        System.out.printf("CLUSTER %s: sent %d, acknowledged %d, stored %d, duplicated %d, lost %d, assigned %d, p99 %d ms"
                        + " (answers %s; retried %d: %s; dashboard %s)%n", fault, sent.size(),
                sent.stream().filter(DeliveryStream.Sent::acknowledged).count(), stored.size(), duplicated, lost, assigned,
                DeliveryStream.p99(sent), DeliveryStream.statuses(sent), retried.size(), DeliveryStream.statuses(retried),
                dashboard == null ? "equals the store" : "differs");
        assertThat(lost).as(fault + ": acknowledged orders lost").isZero();
        assertThat(duplicated).as(fault + ": orders stored twice").isZero();
        assertThat(allAssigned).as(fault + ": every order of the stream assigned; not: " + unassigned(orders)).isTrue();
        assertThat(assigned).as(fault + ": orders assigned").isEqualTo(stored.size());
        checkAssignments(orders);
        checkPartnerReservations();
        assertThat(dashboard).as(fault + ": the dashboard's counters against the store's").isNull();
        return orders;
    }

    /** Every assigned order went through {@code assigned} once; one on the default partner is flagged. */
    private static void checkAssignments(List<Document> orders) {
        for (Document order : orders) {
            Document delivery = delivery(order);
            List<Document> history = delivery.getList("history", Document.class, List.of());
            long assignedSteps = history.stream().filter(step -> "assigned".equals(step.getString("status"))).count();
            assertThat(assignedSteps).as("assignments of " + order.getString("_id") + ": " + history).isEqualTo(1);
            if (DEFAULT_PARTNER.equals(delivery.getString("partner_id"))) {
                assertThat(delivery.getBoolean("needs_review")).as("default partner flagged for review").isTrue();
            }
        }
    }

    /**
     * Each partner's reservations in the registry equal the orders the store shows assigned to it, and stay within
     * its capacity: an assignment recorded twice (a retry after a killed import, a lost answer) would reserve twice.
     * The default partner is left out: an extended outage assigns to it without the Partner Service.
     */
    private static void checkPartnerReservations() {
        // An order sent to the default partner during an outage gives back, once the Partner Service answers again,
        // whatever a lost answer reserved for it (LeftoverReservations): wait for that before comparing.
        List<Map<String, Long>> last = Poll.until(Duration.ofSeconds(30), PROBE_EVERY,
                ClusterFaultIT::reservationsAndAssignments, pair -> pair.get(0).equals(pair.get(1)));
        assertThat(last.get(0)).as("reservations by partner against the store's assigned orders").isNotEmpty()
                .isEqualTo(last.get(1));
    }

    /** The registry's reservations by partner (within capacity), and the orders the store shows assigned to each. */
    private static List<Map<String, Long>> reservationsAndAssignments() {
        Map<String, Long> assignedInStore = new TreeMap<>();
        IdPages.forEach(store.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION),
                Projections.include("delivery.status", "delivery.partner_id"), 5_000, order -> {
                    if ("assigned".equals(delivery(order).getString("status"))) {
                        assignedInStore.merge(delivery(order).getString("partner_id"), 1L, Long::sum);
                    }
                });
        assignedInStore.remove(DEFAULT_PARTNER);
        HubClient.Answer partners = cluster.client().request("GET", "/partners",
                Map.of("Authorization", "Bearer " + Cluster.ADMIN_KEY), null);
        assertThat(partners.status()).as(partners.toString()).isEqualTo(200);
        Map<String, Long> reserved = new TreeMap<>();
        JsonNode items = partners.json().has("items") ? partners.json().path("items") : partners.json();
        for (JsonNode partner : items) {
            String id = partner.path("id").asText();
            assertThat(partner.has("active_orders") && partner.has("capacity")).as("registry fields of " + id).isTrue();
            assertThat(partner.path("active_orders").asLong()).as("active orders of " + id)
                    .isLessThanOrEqualTo(partner.path("capacity").asLong());
            if (!DEFAULT_PARTNER.equals(id) && partner.path("active_orders").asLong() > 0) {
                reserved.put(id, partner.path("active_orders").asLong());
            }
        }
        return List.of(reserved, assignedInStore);
    }

    /**
     * A connected client's first frame; without one, a failure that carries what the dashboard and nginx logged last,
     * since the cluster's directory is gone with the next run.
     */
    private static JsonNode firstFrame(DashboardSocket socket) {
        try {
            return socket.next(Duration.ofSeconds(30));
        } catch (AssertionError none) {
            throw new AssertionError(none.getMessage() + "\n" + cluster.status() + "\n--- dashboard.log (last lines)\n"
                    + cluster.logTail("dashboard", 80) + "\n--- nginx-error.log (last lines)\n"
                    + cluster.logTail("nginx-error", 20), none);
        }
    }

    /**
     * Waits until the dashboard's snapshot (a fresh connection through nginx) shows the counters the store gives;
     * null then, else what the two said last.
     */
    private static String dashboardDifference() {
        List<JsonNode> last = new ArrayList<>(List.of(NullNode.instance, NullNode.instance));
        boolean equal = poll(() -> {
            try (DashboardSocket socket = DashboardSocket.connect(cluster.port(), Cluster.DASHBOARD_TOKEN)) {
                last.set(0, StoredCounters.of(store.getDatabase("orderhub")));
                last.set(1, StoredCounters.shown(socket.next(Duration.ofSeconds(30))));
            } catch (RuntimeException | AssertionError notYet) {
                return false;
            }
            return last.get(0).equals(last.get(1));
        }, SETTLE);
        return equal ? null : "dashboard " + last.get(1) + ", store " + last.get(0);
    }

    /** How many stored documents each of the keys ({platform}_{platform_order_id}) has. */
    private static Map<String, Integer> storedCounts(Set<String> keys) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Document order : orders(keys)) {
            counts.merge(order.getString("platform") + "_" + order.get("platform_order_id"), 1, Integer::sum);
        }
        return counts;
    }

    /** The stored orders whose key is one of {@code keys}, with their delivery block. */
    private static List<Document> orders(Set<String> keys) {
        List<Document> orders = new ArrayList<>();
        try {
            IdPages.forEach(store.getDatabase("orderhub").getCollection(OrderDocuments.COLLECTION),
                    Projections.include("platform", "platform_order_id", "delivery"), 5_000, order -> {
                        if (keys.contains(order.getString("platform") + "_" + order.get("platform_order_id"))) {
                            orders.add(order);
                        }
                    });
        } catch (RuntimeException storeDown) {
            return List.of();
        }
        return orders;
    }

    private static List<Document> unassigned(List<Document> orders) {
        return orders.isEmpty() ? List.of(new Document())
                : orders.stream().filter(o -> !"assigned".equals(delivery(o).getString("status"))).toList();
    }

    private static Document delivery(Document order) {
        Document delivery = order.get("delivery", Document.class);
        return delivery == null ? new Document() : delivery;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        if (!poll(condition, timeout)) {
            throw new AssertionError("Not within " + timeout + ": " + what + "\n" + cluster.status());
        }
    }

    private static boolean poll(BooleanSupplier condition, Duration timeout) {
        return Poll.until(timeout, PROBE_EVERY, condition::getAsBoolean, Boolean::booleanValue);
    }
}
