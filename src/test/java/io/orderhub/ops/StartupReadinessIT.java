package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.orderhub.support.FixtureStores;
import io.orderhub.support.HubClient;
import io.orderhub.support.ImportStream;
import io.orderhub.support.PackagedHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar watched from the moment its process starts, as a load balancer and a platform see it:
 * health and readiness answer 503 until webhooks are served, 200 UP from then on, and the start-up line is
 * logged only once the routes run. Each role also starts alone in its own process and serves only its own
 * endpoints.
 */
class StartupReadinessIT {

    private static final String HEALTH = "/actuator/health";
    private static final String READINESS = "/actuator/health/readiness";
    private static final String IMPORT = "/import-orders";
    private static final String STARTUP_LINE = "Order Import Hub is up";
    private static final String CAMEL_STARTED = "(order-import-hub) started in";
    /** A loaded machine takes minutes to start the hub; a stuck one is caught by the process's exit or this. */
    private static final Duration LONGEST_START = Duration.ofMinutes(8);
    /** How long health, readiness and imports must all stay served before the watch ends. */
    private static final Duration STEADY = Duration.ofSeconds(2);
    private static final long PROBE_INTERVAL_MS = 20;

    @TempDir
    Path workDir;

    /** One answer: when it was asked and answered (ms after the process started), its status (-1: no connection). */
    record Probe(String path, long sentMs, long answeredMs, int status, String healthStatus, boolean startupLogged) {

        boolean served() {
            return status != -1 && status != 404;
        }

        boolean up() {
            return status == 200 && "UP".equals(healthStatus);
        }
    }

    @Test
    void healthAndReadinessAnswer503UntilWebhooksAreServedAndTheStartupLineFollowsTheRoutes() {
        List<String> args = new ArrayList<>(FixtureStores.properties(null).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList());
        args.add("--orderhub.data-dir=" + workDir.resolve("data"));
        args.add("--orderhub.dashboard.websocket-port=0");
        ImportStream.Order order = ImportStream.distinctOrders(1, 9_400_000).get(0);
        List<Probe> probes = new ArrayList<>();
        List<String> log;

        try (PackagedHub hub = PackagedHub.start(PackagedHub.freePort(), args)) {
            HubClient client = hub.client();
            long started = System.nanoTime();
            Long steadySince = null;
            while (hub.isAlive() && elapsedMs(started) < LONGEST_START.toMillis()) {
                Probe health = probe(HEALTH, started, false, () -> client.get(HEALTH));
                Probe readiness = probe(READINESS, started, false, () -> client.get(READINESS));
                // The log is read before the import is sent: a line already logged must mean a served import.
                boolean logged = contains(hub.log(), STARTUP_LINE);
                Probe imported = probe(IMPORT, started, logged, () -> answer(ImportStream.sendOne(client, order)));
                probes.addAll(List.of(health, readiness, imported));
                boolean steady = health.up() && readiness.up() && imported.served();
                steadySince = !steady ? null : steadySince == null ? imported.answeredMs() : steadySince;
                if (steadySince != null && imported.answeredMs() - steadySince >= STEADY.toMillis()) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(PROBE_INTERVAL_MS).toNanos());
            }
            log = lines(hub.log());
        }

        Probe firstServed = first(probes, p -> p.path().equals(IMPORT) && p.served())
                .orElseThrow(() -> new AssertionError("No import was ever served; answers: " + tally(probes)));
        List<Probe> beforeServed = probes.stream()
                .filter(p -> !p.path().equals(IMPORT) && p.answeredMs() < firstServed.sentMs()).toList();
        Optional<Probe> firstReady = first(probes, p -> p.path().equals(READINESS) && p.status() == 200);
        Optional<Probe> firstHealthy = first(probes, p -> p.path().equals(HEALTH) && p.status() == 200);
        System.out.printf("STARTUP first import served at %d ms (%d), first readiness 200 at %s ms, first health 200 at %s ms;"
                        + " health/readiness answers before the first served import: %s%n",
                firstServed.sentMs(), firstServed.status(), firstReady.map(p -> String.valueOf(p.answeredMs())).orElse("never"),
                firstHealthy.map(p -> String.valueOf(p.answeredMs())).orElse("never"), tally(beforeServed));

        // Statuses, not probes, in the assertions: a failure then reads as a tally instead of hundreds of probes.
        assertThat(statuses(beforeServed)).as("health and readiness before webhooks are served: 503 or no connection")
                .isSubsetOf(503, -1).as("the hub was listening before its routes started").contains(503);
        assertThat(firstReady).as("readiness became 200").isPresent();
        assertThat(firstReady.get().answeredMs()).as("first readiness 200 not before the first served import")
                .isGreaterThanOrEqualTo(firstServed.sentMs());
        for (String path : List.of(HEALTH, READINESS)) {
            long firstUp = first(probes, p -> p.path().equals(path) && p.status() == 200).orElseThrow().sentMs();
            assertThat(probes.stream().filter(p -> p.path().equals(path) && p.sentMs() >= firstUp)
                    .map(p -> p.status() + " " + p.healthStatus()).distinct()).as(path + " stays 200 UP once it is")
                    .containsExactly("200 UP");
        }
        assertThat(firstServed.status()).as("the first served import stores the order").isEqualTo(201);
        assertThat(statuses(probes.stream().filter(p -> p.path().equals(IMPORT) && p.sentMs() > firstServed.sentMs()).toList()))
                .as("every import after it is a duplicate").containsExactly(200);
        assertThat(statuses(probes.stream().filter(Probe::startupLogged).toList()))
                .as("imports sent once the start-up line was in the log are served").isNotEmpty().doesNotContain(404, -1);
        assertStartupLineFollowsCamel(log);
    }

    @ParameterizedTest(name = "{0} alone serves {1}")
    @CsvSource({"partner, /partners", "dashboard, /dashboard/config"})
    void eachRoleStartsAloneInItsOwnProcessAndServesOnlyItsOwnEndpoints(String role, String endpoint) {
        // The operator key HubClient.admin sends: the partner list is an operator endpoint.
        List<String> args = List.of("--orderhub.roles=" + role, "--orderhub.dashboard.websocket-port=0",
                "--orderhub.data-dir=" + workDir.resolve(role), "--orderhub.admin.api-key=test-admin-key");

        try (PackagedHub hub = PackagedHub.start(PackagedHub.freePort(), args).awaitUp()) {
            HubClient client = hub.client();
            HubClient.Answer readiness = client.get(READINESS);
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness.field("status")).isEqualTo("UP");
            assertThat(readiness.json().path("components").path("routes").path("status").asText()).isEqualTo("UP");
            HubClient.Answer own = client.admin("GET", endpoint);
            assertThat(own.status()).as(endpoint + ": " + own).isEqualTo(200);
            ImportStream.Result imported = ImportStream.sendOne(client, ImportStream.distinctOrders(1, 9_500_000).get(0));
            assertThat(imported.status()).as("POST /import-orders on a " + role + " process").isEqualTo(404);
            assertStartupLineFollowsCamel(lines(hub.log()));
        }
    }

    private static void assertStartupLineFollowsCamel(List<String> log) {
        int camelStarted = indexOf(log, CAMEL_STARTED);
        int startupLine = indexOf(log, STARTUP_LINE);
        assertThat(camelStarted).as("Camel's started line").isNotNegative();
        assertThat(startupLine).as("the start-up line comes after Camel has started the routes").isGreaterThan(camelStarted);
        assertThat(log).filteredOn(line -> line.contains(STARTUP_LINE)).as("logged once").hasSize(1);
    }

    private static Probe probe(String path, long started, boolean startupLogged, Supplier<HubClient.Answer> call) {
        long sent = elapsedMs(started);
        HubClient.Answer answer;
        try {
            answer = call.get();
        } catch (RuntimeException notListening) {
            answer = new HubClient.Answer(-1, null, null, "");
        }
        String healthStatus = answer.contentType() != null && answer.contentType().contains("json") && !path.equals(IMPORT)
                ? answer.field("status") : null;
        return new Probe(path, sent, elapsedMs(started), answer.status(), healthStatus, startupLogged);
    }

    private static HubClient.Answer answer(ImportStream.Result result) {
        return new HubClient.Answer(result.status(), null, null, "");
    }

    private static List<Integer> statuses(List<Probe> probes) {
        return probes.stream().map(Probe::status).distinct().toList();
    }

    private static Optional<Probe> first(List<Probe> probes, Predicate<Probe> which) {
        return probes.stream().filter(which).findFirst();
    }

    /** e.g. {@code /actuator/health 503 × 41, /actuator/health -1 × 12} (-1: no connection). */
    private static String tally(List<Probe> probes) {
        Map<String, Long> counts = probes.stream().collect(Collectors.groupingBy(p -> p.path() + " " + p.status(),
                TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(Path log, String text) {
        return indexOf(lines(log), text) >= 0;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
