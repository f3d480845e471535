package io.orderhub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.FixtureStores;
import io.orderhub.support.HubClient;
import io.orderhub.support.PackagedHub;
import io.orderhub.support.PartnerRegistries;

/**
 * The hub under test as real processes, from the packaged jar: the embedded default (store inside the hub, its
 * own data directory) or the production shape (Redis on 127.0.0.1:6379 under a key prefix of this run, the
 * Mongo-wire store as a separate JVM over TCP). Either is seeded, before the hub starts, if asked.
 */
final class Deployment implements AutoCloseable {

    enum Shape { EMBEDDED, PRODUCTION }

    private final Shape shape;
    private final Process hub;
    private final int port;
    private final Path log;
    private final String storeUri;
    private final Process store;
    private final String redisPrefix;
    private final int redisDb;
    private final long seedMillis;

    private Deployment(Shape shape, Process hub, int port, Path log, String storeUri, Process store, String redisPrefix,
            int redisDb, long seedMillis) {
        this.seedMillis = seedMillis;
        this.shape = shape;
        this.hub = hub;
        this.port = port;
        this.log = log;
        this.storeUri = storeUri;
        this.store = store;
        this.redisPrefix = redisPrefix;
        this.redisDb = redisDb;
    }

    private static List<String> words(String line) {
        return line == null || line.isBlank() ? List.of() : List.of(line.trim().split("\\s+"));
    }

    static Deployment start(Shape shape, BenchOptions options, int seedOrders, String platformApiBaseUrl, Path workDir) {
        try {
            Files.createDirectories(workDir);
            int storePort = PackagedHub.freePort();
            String storeUri = "mongodb://127.0.0.1:" + storePort;
            List<String> args = new ArrayList<>();
            FixtureStores.properties(platformApiBaseUrl).forEach((name, value) -> args.add("--" + name + "=" + value));
            args.add("--orderhub.partner.seed-file=file:" + PartnerRegistries.withRoom(workDir, 100_000_000));
            args.addAll(List.of("--spring.profiles.active=bench", "--orderhub.gateway.rate-per-store-per-second=0",
                    "--orderhub.dashboard.websocket-port=0",
                    "--management.endpoints.web.exposure.include=health,info,metrics,prometheus"));
            Process store = null;
            String redisPrefix = null;
            long seedMillis = 0;
            if (shape == Shape.EMBEDDED) {
                Path data = workDir.resolve("data");
                if (seedOrders > 0) {
                    try (EmbeddedMongoStore seeded = EmbeddedMongoStore.start(data.toString(), storePort)) {
                        seedMillis = seed(storeUri, seedOrders);
                        seeded.awaitDurable();
                    }
                }
                args.add("--orderhub.data-dir=" + data);
                args.add("--orderhub.store.embedded-port=" + storePort);
            } else {
                store = startStore(workDir.resolve("store"), storePort);
                if (seedOrders > 0) {
                    seedMillis = seed(storeUri, seedOrders);
                }
                String run = "bench-" + UUID.randomUUID();
                redisPrefix = run + ":";
                args.addAll(List.of("--orderhub.store.uri=" + storeUri, "--orderhub.data-dir=" + workDir.resolve("hub-data"),
                        "--orderhub.idempotency.cache=redis", "--orderhub.idempotency.key-prefix=" + redisPrefix,
                        "--orderhub.queue.redis-key=" + run + ":queue", "--orderhub.dashboard.channel=" + run + ":dashboard",
                        "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
                        "--spring.data.redis.database=" + options.redisDb(),
                        // The default 250 ms expire while a cold JVM on a loaded machine makes its first connection,
                        // and the hub then refuses to start; steady-state Redis calls take well under a millisecond.
                        "--spring.data.redis.connect-timeout=2s", "--spring.data.redis.timeout=1s"));
            }
            int port = PackagedHub.freePort();
            Path logs = Paths.get("target", "bench-logs");
            Files.createDirectories(logs);
            Path log = logs.resolve("hub-" + shape.name().toLowerCase() + "-" + port + ".log").toAbsolutePath();
            // The JVM options of the Dockerfile's entry point (the parallel collector), with the run's heap.
            List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseParallelGC", "-Xmx" + options.hubHeap()));
            // Experiments: JVM options of the hub (a GC, a profiler agent), e.g. BENCH_HUB_JVM_ARGS="-XX:TieredStopAtLevel=1".
            command.addAll(words(System.getenv("BENCH_HUB_JVM_ARGS")));
            command.addAll(List.of("-jar", PackagedHub.jar().toString(), "--server.port=" + port));
            command.addAll(args);
            // Experiments (a role split, a pool size): extra hub arguments, e.g. BENCH_HUB_ARGS="--orderhub.roles=import".
            command.addAll(words(System.getenv("BENCH_HUB_ARGS")));
            // A second attempt when the first start fails: on a loaded machine the hub's 250 ms Redis timeout can
            // expire while it connects, and it then stops (as it should) before it reports UP.
            for (int attempt = 1; ; attempt++) {
                Process hub = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                Deployment deployment = new Deployment(shape, hub, port, log, storeUri, store, redisPrefix, options.redisDb(),
                        seedMillis);
                try {
                    deployment.awaitUp();
                    return deployment;
                } catch (IllegalStateException notUp) {
                    if (attempt == 2) {
                        deployment.close();
                        throw notUp;
                    }
                    System.out.println("the hub did not start (see " + log + "); once more ...");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long seed(String storeUri, int orders) {
        System.out.printf("seeding %,d orders ...%n", orders);
        long millis = Seeder.seed(storeUri, orders);
        System.out.printf("seeded %,d orders in %.1f s (%,.0f orders/s)%n", orders, millis / 1000.0, orders * 1000.0 / millis);
        return millis;
    }

    private static Process startStore(Path dir, int port) throws IOException {
        List<String> command = List.of(java(), "-XX:+UseParallelGC", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                io.orderhub.store.StoreServer.class.getName(), dir.toString(), Integer.toString(port));
        Path logs = Paths.get("target", "bench-logs");
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (UncheckedIOException closed) {
                        // the store process was stopped: nothing more to read
                    }
                }, "store-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new IllegalStateException("The store process ended before it listened on " + port);
    }

    private void awaitUp() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        HubClient client = client();
        while (Instant.now().isBefore(deadline) && hub.isAlive()) {
            try {
                HubClient.Answer health = client.get("/actuator/health");
                if (health.status() == 200 && "UP".equals(health.field("status"))) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            LockSupport.parkNanos(250_000_000L);
        }
        hub.destroyForcibly();
        throw new IllegalStateException("The hub did not report UP; see " + log);
    }

    Shape shape() {
        return shape;
    }

    /** What in the hub's log says it broke: out of memory, a request task the pool rejected, with counts. */
    List<String> failures() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                if (line.contains("java.lang.OutOfMemoryError")) {
                    counts.merge("OutOfMemoryError", 1, Integer::sum);
                } else if (line.contains("TaskRejectedException") || line.contains("rejected from org.springframework")) {
                    counts.merge("request task rejected by the full pool", 1, Integer::sum);
                }
            });
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of("log unreadable: " + unreadable);
        }
        List<String> failures = new ArrayList<>();
        counts.forEach((what, n) -> failures.add(what + " × " + n));
        return failures;
    }

    /** How long seeding the store took, 0 when it was not seeded. */
    long seedMillis() {
        return seedMillis;
    }

    int port() {
        return port;
    }

    long pid() {
        return hub.pid();
    }

    /** The store's own process in the production shape; null when the store runs in the hub's JVM. */
    Long storePid() {
        return store == null ? null : store.pid();
    }

    String storeUri() {
        return storeUri;
    }

    Path log() {
        return log;
    }

    HubClient client() {
        return new HubClient(port);
    }

    /** SIGTERM and wait: the hub finishes what is in flight. */
    void stopHub() {
        if (hub.isAlive()) {
            hub.destroy();
            try {
                if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                    hub.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopHub();
        if (store != null) {
            store.destroy();
            try {
                store.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (redisPrefix != null) {
            deleteRedisKeys();
        }
    }

    /** Removes only this run's keys from the shared Redis database. */
    private void deleteRedisKeys() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379/" + redisDb);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(redisPrefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
