package io.orderhub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.orderhub.ops.DurableFloor;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * The benchmark of issue 8 (see bench/README.md): for each shape, the hub from the packaged jar, then a warm-up,
 * the no-op ceiling, the sustained closed-loop import rate (heap and RSS sampled, optionally a JFR profile), the
 * open-loop latency, the exactly-once check against the store, and with {@code --seed} the sustained rate again
 * against stores already holding 100,000 and 1,000,000 orders. Prints one table per shape and writes it to
 * bench/results. Exits 1 when an exactly-once check fails.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C must not leave a hub or a store process behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        List<Result> results = run(options, "bench/run.sh " + String.join(" ", args));
        System.exit(results.stream().allMatch(r -> r.run().exactlyOnce()) ? 0 : 1);
    }

    /** One shape's figures and the file its table went to. */
    record Result(BenchReport.ShapeRun run, Path file, String table) {
    }

    static List<Result> run(BenchOptions options, String command) {
        quietDriverLogs();
        int count = options.requestsNeeded();
        System.out.printf("generating %,d signed deliveries ...%n", count);
        long started = System.nanoTime();
        // Order ids from the clock, so two runs against one Redis never share an idempotency key.
        long firstId = 5_000_000_000_000L + (System.currentTimeMillis() / 1000 % 10_000_000) * 100_000;
        Workload workload = Workload.generate(count, firstId, 8, Workload.lag(options.connections()));
        System.out.printf("generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        List<Result> results = new ArrayList<>();
        Path work = tempDir();
        try (BigCommerceApiDouble api = BigCommerceApiDouble.start()) {
            for (Deployment.Shape shape : options.shapes()) {
                BenchReport.ShapeRun run = runShape(shape, options, workload, api.baseUrl(), work);
                String table = BenchReport.render(run, options, command);
                Path file = BenchReport.write(table, options.resultsDir(), shape);
                System.out.println();
                System.out.println(table);
                System.out.println("written to " + file);
                results.add(new Result(run, file, table));
            }
        } finally {
            delete(work);
        }
        return results;
    }

    private static BenchReport.ShapeRun runShape(Deployment.Shape shape, BenchOptions options, Workload workload,
            String apiBaseUrl, Path work) {
        String name = BenchReport.shapeName(shape);
        LoadRunner.PhaseResult ceiling;
        LoadRunner.PhaseResult sustained;
        LoadRunner.PhaseResult openLoop;
        WrkCeiling.Result wrk;
        CostSampler.Costs costs;
        ResourceSampler.Memory memory;
        ExactlyOnce check;
        String profile = null;
        List<String> hubFailures;
        AssignmentTally deliveries;
        Path dir = work.resolve(name);
        System.out.printf("%n== %s: starting the hub ...%n", name);
        try (Deployment hub = Deployment.start(shape, options, 0, apiBaseUrl, dir);
                LoadRunner runner = new LoadRunner(hub.port(), options.connections())) {
            Outcomes outcomes = new Outcomes(workload.size());
            AtomicInteger cursor = new AtomicInteger();
            // The ceiling first, after a warm-up of its own (a cold JVM's ceiling is its interpreter's): measured
            // after imports, it would share the CPU with the assignments the hub still works through.
            System.out.printf("%s: no-op ceiling, %d s after %d s of warm-up ...%n", name, options.ceilingSeconds(),
                    options.warmupSeconds());
            runner.ceiling(workload.get(0), options.connections(), options.warmupSeconds());
            ceiling = runner.ceiling(workload.get(0), options.connections(), options.ceilingSeconds());
            wrk = WrkCeiling.measure(hub.port(), workload.get(0), options.connections(), options.ceilingSeconds(), dir);
            System.out.printf("%s: %,.0f req/s (wrk: %s); import warm-up %d s ...%n", name, ceiling.rate(),
                    wrk.rate() == null ? wrk.why() : String.format("%,.0f req/s", wrk.rate()), options.warmupSeconds());
            runner.imports("warm-up", workload, outcomes, cursor, options.connections(), options.warmupSeconds());
            System.out.printf("%s: sustained imports, %d s ...%n", name, options.sustainedSeconds());
            Profiler profiler = options.jfr() ? Profiler.start(hub.pid(), hub.log().resolveSibling(name + "-sustained.jfr")) : null;
            CostSampler cost = new CostSampler(hub.client(), hub.pid(), hub.storePid());
            try (ResourceSampler sampler = new ResourceSampler(hub.client(), hub.pid())) {
                sustained = runner.imports("sustained", workload, outcomes, cursor, options.connections(), options.sustainedSeconds());
                memory = sampler.stop();
            }
            costs = cost.stop(sustained.ok());
            if (profiler != null) {
                profile = profiler.stop();
            }
            System.out.printf("%s: %,.0f imports/s; open loop %d/s for %d s ...%n", name, sustained.rate(), options.openLoopRate(),
                    options.openLoopSeconds());
            openLoop = runner.openLoop(workload, outcomes, cursor, options.openLoopRate(), options.openLoopSeconds());
            System.out.printf("%s: checking exactly-once in the store ...%n", name);
            check = ExactlyOnce.check(workload, outcomes, cursor.get(), hub.storeUri(), 0);
            deliveries = AssignmentTally.read(hub.storeUri());
            hubFailures = hub.failures();
        } finally {
            delete(dir);
        }
        BenchReport.WrkRun wrkRun = options.wrkSeconds() > 0 && wrk.rate() != null
                ? runWrk(shape, options, workload.get(0), wrk, apiBaseUrl, work.resolve(name + "-wrk")) : null;
        List<BenchReport.SeededRun> seeded = new ArrayList<>();
        for (int level : options.seedLevels()) {
            seeded.add(runSeeded(shape, options, workload, apiBaseUrl, work.resolve(name + "-" + level), level));
        }
        return new BenchReport.ShapeRun(shape, ceiling, wrk, sustained, costs, openLoop, memory, check, seeded, profile,
                hubFailures, deliveries, wrkRun);
    }

    /**
     * Issue 19's own measurement on a fresh hub: the store's ceiling first (the hub has imported nothing yet), then,
     * after a warm-up on the no-op route, wrk-driven Shopify-only imports, every order new. Their ratio is to the
     * first hub's wrk ceiling, measured in the same run.
     */
    private static BenchReport.WrkRun runWrk(Deployment.Shape shape, BenchOptions options, Workload.Request sample,
            WrkCeiling.Result noopCeiling, String apiBaseUrl, Path dir) {
        String name = BenchReport.shapeName(shape) + ", driven by wrk";
        // Ids apart from the harness's (5e15 + the clock) and below 2^53, which the script's numbers hold exactly.
        long firstId = 6_000_000_000_000_000L + (System.currentTimeMillis() / 1000 % 10_000_000) * 100_000;
        System.out.printf("%n== %s: starting a fresh hub ...%n", name);
        try (Deployment hub = Deployment.start(shape, options, 0, apiBaseUrl, dir)) {
            System.out.printf("%s: the store's own ceiling, %d s each of single inserts, batches, single updates, batched updates ...%n",
                    name, options.ceilingSeconds());
            StoreCeiling.Result store = StoreCeiling.measure(hub.storeUri(), hub.storePid() == null ? hub.pid() : hub.storePid(),
                    options.connections(), options.ceilingSeconds());
            WrkCeiling.measure(hub.port(), sample, options.connections(), options.warmupSeconds(), dir);
            System.out.printf("%s: store %,.0f docs/s single, %,.0f batched, %,.0f updates/s, %,.0f batched; import warm-up %d s ...%n",
                    name, store.singleRate(), store.batchedRate(), store.updateRate(), store.batchedUpdateRate(), options.warmupSeconds());
            WrkImports.Result warm = WrkImports.run(hub.port(), firstId, options.connections(), options.warmupSeconds(), dir);
            System.out.printf("%s: sustained imports, %d s ...%n", name, options.wrkSeconds());
            CostSampler cost = new CostSampler(hub.client(), hub.pid(), hub.storePid());
            WrkImports.Result imports = WrkImports.run(hub.port(), warm.nextId(), options.connections(), options.wrkSeconds(), dir);
            CostSampler.Costs costs = cost.stop(imports.ok());
            System.out.printf("%s: %,.0f imports/s; assignment alone on the backlog, %d s ...%n", name, imports.rate(),
                    options.ceilingSeconds());
            Drain drain = drain(hub, options.ceilingSeconds());
            System.out.printf("%s: %,.0f assigned/s; checking exactly-once ...%n", name, drain.rate());
            ExactlyOnce check = ExactlyOnce.ofRange(warm.andThen(imports), hub.storeUri(), Workload.Platform.SHOPIFY.name);
            AssignmentTally deliveries = AssignmentTally.read(hub.storeUri());
            System.out.printf("%s: the durable floor, %d s ...%n", name, options.ceilingSeconds());
            DurableFloorRun floor = durableFloor(hub, imports.nextId(), options, dir);
            return new BenchReport.WrkRun(store, noopCeiling, imports, costs, drain, check, deliveries, floor);
        } finally {
            delete(dir);
        }
    }

    /**
     * The durable floor ({@code POST /bench/durable}: authenticate, parse, store durably, answer) driven by wrk with the
     * same signed deliveries, on the same hub once its imports are done and assigned: the cheapest durable answer,
     * measured with the JIT as warm as the imports left it. What it stored is counted, not taken from wrk's answers.
     */
    record DurableFloorRun(WrkImports.Result result, CostSampler.Costs costs, long stored) {

        /** The floor's documents in the store; -1 when it cannot be read. */
        static long count(String storeUri) {
            return AssignmentTally.count(storeUri, DurableFloor.COLLECTION, new Document());
        }
    }

    private static DurableFloorRun durableFloor(Deployment hub, long firstId, BenchOptions options, Path dir) {
        WrkImports.Result warm = WrkImports.run(hub.port(), "/bench/durable", firstId, options.connections(),
                options.ceilingSeconds(), dir);
        long before = DurableFloorRun.count(hub.storeUri());
        CostSampler cost = new CostSampler(hub.client(), hub.pid(), hub.storePid());
        WrkImports.Result result = WrkImports.run(hub.port(), "/bench/durable", warm.nextId(), options.connections(),
                options.ceilingSeconds(), dir);
        CostSampler.Costs costs = cost.stop(result.ok());
        return new DurableFloorRun(result, costs, before < 0 ? -1 : DurableFloorRun.count(hub.storeUri()) - before);
    }

    /** Assignment's own ceiling: what it does with the cores to itself, on the backlog ({@code pending} orders) the imports left. */
    record Drain(int seconds, long backlog, CostSampler.Costs costs) {

        double rate() {
            return (double) costs.imports() / seconds;
        }
    }

    private static Drain drain(Deployment hub, int seconds) {
        long backlog = AssignmentTally.pending(hub.storeUri());
        CostSampler cost = new CostSampler(hub.client(), hub.pid(), hub.storePid());
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Drain(seconds, backlog, cost.stopPerAssignment());
    }

    private static BenchReport.SeededRun runSeeded(Deployment.Shape shape, BenchOptions options, Workload workload,
            String apiBaseUrl, Path dir, int level) {
        String name = BenchReport.shapeName(shape) + " with " + String.format("%,d", level) + " stored";
        System.out.printf("%n== %s: seeding and starting the hub ...%n", name);
        try (Deployment hub = Deployment.start(shape, options, level, apiBaseUrl, dir);
                LoadRunner runner = new LoadRunner(hub.port(), options.connections())) {
            Outcomes outcomes = new Outcomes(workload.size());
            AtomicInteger cursor = new AtomicInteger();
            runner.imports("warm-up", workload, outcomes, cursor, options.connections(), options.warmupSeconds());
            System.out.printf("%s: sustained imports, %d s ...%n", name, options.sustainedSeconds());
            LoadRunner.PhaseResult sustained = runner.imports("sustained", workload, outcomes, cursor, options.connections(),
                    options.sustainedSeconds());
            System.out.printf("%s: %,.0f imports/s; checking exactly-once ...%n", name, sustained.rate());
            ExactlyOnce check = ExactlyOnce.check(workload, outcomes, cursor.get(), hub.storeUri(), level);
            return new BenchReport.SeededRun(level, sustained.rate(), check, hub.seedMillis());
        } finally {
            delete(dir);
        }
    }

    /** The MongoDB driver's INFO lines would bury the progress lines; this JVM logs through logback. */
    private static void quietDriverLogs() {
        if (LoggerFactory.getLogger("org.mongodb") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("orderhub-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
