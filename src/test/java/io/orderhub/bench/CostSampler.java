package io.orderhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.orderhub.support.HubClient;
import io.orderhub.support.PrometheusText;

/**
 * What a phase cost the hub, counted: the store commands it sent, by the path that waited for them (the hub's
 * {@code orderhub.store.commands}, see {@code ops.StoreRoundTrips}), and the CPU time of its processes (the hub, and
 * the store when it runs apart) from {@code /proc/<pid>/stat}. Read once before and once after the phase.
 */
final class CostSampler {

    private static final String COMMANDS = "orderhub_store_commands_total";
    /** Orders the hub's assignment moved to {@code assigned} (its {@code orderhub.assignment.transitions}). */
    private static final String TRANSITIONS = "orderhub_assignment_transitions_total";
    /** Linux reports process times in clock ticks of 1/100 s ({@code getconf CLK_TCK}). */
    static final double MILLIS_PER_TICK = 10;

    /**
     * Per import of the phase: commands by path and {@code collection.command}, CPU milliseconds by process, and of
     * those the JIT compilers' (a young JVM's cost, which a hub that has run for minutes no longer pays).
     */
    record Costs(long imports, Map<String, Double> request, Map<String, Double> background, double hubCpuMs, double storeCpuMs,
            double jitCpuMs) {

        double totalCpuMs() {
            return hubCpuMs + storeCpuMs;
        }

        double requestTotal() {
            return request.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double backgroundTotal() {
            return background.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private record Reading(Map<String, Double> request, Map<String, Double> background, long hubTicks, long storeTicks,
            long jitTicks, double assigned) {
    }

    private final HubClient hub;
    private final long hubPid;
    private final Long storePid;
    private final Reading start;

    CostSampler(HubClient hub, long hubPid, Long storePid) {
        this.hub = hub;
        this.hubPid = hubPid;
        this.storePid = storePid;
        this.start = read();
    }

    Costs stop(long imports) {
        return stop(read(), imports);
    }

    /** The same, per order assigned during the phase (for a phase that only assigns). */
    Costs stopPerAssignment() {
        Reading end = read();
        return stop(end, Math.round(end.assigned() - start.assigned()));
    }

    private Costs stop(Reading end, long imports) {
        double per = Math.max(1, imports);
        return new Costs(imports, perImport(start.request(), end.request(), per), perImport(start.background(), end.background(), per),
                (end.hubTicks() - start.hubTicks()) * MILLIS_PER_TICK / per,
                storePid == null ? 0 : (end.storeTicks() - start.storeTicks()) * MILLIS_PER_TICK / per,
                (end.jitTicks() - start.jitTicks()) * MILLIS_PER_TICK / per);
    }

    private Reading read() {
        HubClient.Answer page = hub.get("/actuator/prometheus");
        PrometheusText metrics = new PrometheusText(page.status() == 200 ? page.body() : "");
        return new Reading(commands(metrics, "request"), commands(metrics, "background"), ticks(hubPid),
                storePid == null ? 0 : ticks(storePid), compilerTicks(hubPid) + (storePid == null ? 0 : compilerTicks(storePid)),
                metrics.sum(TRANSITIONS, Map.of("status", "assigned")));
    }

    private static Map<String, Double> commands(PrometheusText metrics, String path) {
        Map<String, Double> byCommand = new TreeMap<>();
        metrics.sumBy(COMMANDS, Map.of("path", path), "collection").keySet().forEach(collection -> metrics
                .sumBy(COMMANDS, Map.of("path", path, "collection", collection), "command")
                .forEach((command, count) -> byCommand.put(collection + "." + command, count)));
        return byCommand;
    }

    private static Map<String, Double> perImport(Map<String, Double> before, Map<String, Double> after, double imports) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((key, count) -> {
            double delta = count - before.getOrDefault(key, 0.0);
            if (delta > 0) {
                per.put(key, delta / imports);
            }
        });
        return per;
    }

    /** utime + stime of a process, in clock ticks: fields 14 and 15 of its stat line, after the command's ")". */
    static long ticks(long pid) {
        return statTicks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * The same for a JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…} in their
     * {@code comm}). A compiler thread the JVM retires during a phase takes its ticks with it, so this can only
     * undercount the JIT's share.
     */
    static long compilerTicks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.filter(CostSampler::isCompilerThread).mapToLong(task -> statTicks(task.resolve("stat"))).sum();
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static boolean isCompilerThread(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException gone) {
            return false;
        }
    }

    private static long statTicks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
