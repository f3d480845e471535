package io.orderhub.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench/run.sh} passes on: which shapes, the phases' durations, connections and rate, and whether to
 * seed and profile. Durations in seconds.
 */
record BenchOptions(List<Deployment.Shape> shapes, int connections, int ceilingSeconds, int warmupSeconds,
        int sustainedSeconds, int wrkSeconds, int openLoopRate, int openLoopSeconds, int maxRate, List<Integer> seedLevels, boolean jfr,
        int redisDb, String hubHeap, Path resultsDir) {

    static final String USAGE = """
            usage: bench/run.sh [embedded|production|all] [options]
              --seed                 also run against a store holding 100,000 and 1,000,000 orders
              --seed-levels=A,B      the store sizes for --seed (default 100000,1000000)
              --connections=N        closed-loop connections for the ceiling and the sustained run (default 64)
              --ceiling=S            seconds of the no-op ceiling (default 10)
              --warmup=S             seconds of warm-up before the ceiling and before the imports (default 20: on two
                             cores the JIT compilers take most of the CPU for the first ten seconds, and still
                             10-16 % of it for the next minutes)
              --sustained=S          seconds of the sustained run (default 60)
              --wrk-imports=S        seconds of the wrk-driven Shopify-only imports on a fresh hub, after the store's own
                             ceiling (default: as --sustained; 0: not run)
              --rate=R               open-loop requests per second (default 1000)
              --open-loop=S          seconds of the open-loop run (default 20)
              --max-rate=R           imports/s the pre-generated orders must last for (default 4000)
              --jfr                  record the hub with JFR during the sustained run and print its top frames
              --redis-db=N           Redis database of the production shape (default $ORDERHUB_BENCH_REDIS_DB or 15)
              --hub-heap=SIZE        the hub's -Xmx (default 512m)
              --results=DIR          where the table goes (default bench/results)
            """;

    static BenchOptions parse(String... args) {
        List<Deployment.Shape> shapes = List.of(Deployment.Shape.EMBEDDED);
        int connections = 64;
        int ceiling = 10;
        int warmup = 20;
        int sustained = 60;
        Integer wrk = null;
        int rate = 1000;
        int openLoop = 20;
        int maxRate = 4000;
        boolean seed = false;
        List<Integer> levels = List.of(100_000, 1_000_000);
        boolean jfr = false;
        int redisDb = Integer.parseInt(System.getenv().getOrDefault("ORDERHUB_BENCH_REDIS_DB", "15"));
        String heap = "512m";
        Path results = Paths.get("bench", "results");
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "embedded" -> shapes = List.of(Deployment.Shape.EMBEDDED);
                case "production" -> shapes = List.of(Deployment.Shape.PRODUCTION);
                case "all" -> shapes = List.of(Deployment.Shape.EMBEDDED, Deployment.Shape.PRODUCTION);
                case "--seed" -> seed = true;
                case "--seed-levels" -> levels = parseInts(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--ceiling" -> ceiling = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--sustained" -> sustained = Integer.parseInt(value);
                case "--wrk-imports" -> wrk = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--open-loop" -> openLoop = Integer.parseInt(value);
                case "--max-rate" -> maxRate = Integer.parseInt(value);
                case "--jfr" -> jfr = true;
                case "--redis-db" -> redisDb = Integer.parseInt(value);
                case "--hub-heap" -> heap = value;
                case "--results" -> results = Paths.get(value);
                default -> throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
            }
        }
        return new BenchOptions(shapes, connections, ceiling, warmup, sustained, wrk == null ? sustained : wrk, rate, openLoop, maxRate,
                seed ? levels : List.of(), jfr, redisDb, heap, results);
    }

    private static List<Integer> parseInts(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    /** How many requests to pre-generate: enough for every import phase at {@link #maxRate()}. */
    int requestsNeeded() {
        return maxRate * (warmupSeconds + sustainedSeconds) + openLoopRate * openLoopSeconds + Workload.lag(connections);
    }
}
