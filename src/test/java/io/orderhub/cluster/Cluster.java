package io.orderhub.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderhub.support.HubClient;

/**
 * The production shape as {@code ops/cluster.sh} starts it from the packaged jar: every command of the script
 * run as an operator runs it, with the run's settings in its environment. The script's output goes to
 * {@code target/cluster-logs/script.log}; the processes log under the run directory.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_KEY = "cluster-admin-key";
    static final String DASHBOARD_TOKEN = "cluster-dashboard-token";

    /** Ports the script takes after its base port (nginx): Redis +1 … the import instances from +10. */
    private static final int PORTS_TAKEN = 13;

    private final Path dir;
    private final int port;
    private final Map<String, String> environment;
    private final Path scriptLog;

    private Cluster(Path dir, int port, Map<String, String> environment, Path scriptLog) {
        this.dir = dir;
        this.port = port;
        this.environment = environment;
        this.scriptLog = scriptLog;
    }

    /** Runs {@code ops/cluster.sh up} and returns once it exited 0 (every process ready). */
    static Cluster up(Path dir, Path storesFile, List<String> hubArgs) {
        int port = freePortRange(PORTS_TAKEN);
        Map<String, String> environment = new HashMap<>();
        environment.put("ORDERHUB_CLUSTER_DIR", dir.toAbsolutePath().toString());
        environment.put("ORDERHUB_CLUSTER_PORT", Integer.toString(port));
        environment.put("ORDERHUB_STORES_FILE", storesFile.toAbsolutePath().toString());
        environment.put("ORDERHUB_CLUSTER_HUB_ARGS", String.join(" ", hubArgs));
        environment.put("ORDERHUB_CLUSTER_HEAP", "256m");
        environment.put("ORDERHUB_ADMIN_API_KEY", ADMIN_KEY);
        environment.put("ORDERHUB_DASHBOARD_TOKEN", DASHBOARD_TOKEN);
        environment.put("ORDERHUB_PARTNER_SERVICE_KEY", "cluster-partner-key");
        environment.put("ORDERHUB_TRACKING_SECRET", "cluster-tracking-secret");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Path logs = Paths.get("target", "cluster-logs").toAbsolutePath();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cluster cluster = new Cluster(dir, port, environment, logs.resolve("script.log"));
        String printed = cluster.run(600, "up");
        System.out.print(printed);
        if (!printed.startsWith("Order Import Hub (production shape) is up: http://127.0.0.1:" + port)) {
            throw new AssertionError("ops/cluster.sh up did not print the public URL first:\n" + printed);
        }
        return cluster;
    }

    /** Stops what an earlier run left running from {@code dir} (a run killed before its own {@code down}). */
    static void downIfLeftRunning(Path dir) {
        if (Files.isDirectory(dir.resolve("pids"))) {
            Map<String, String> environment = Map.of("ORDERHUB_CLUSTER_DIR", dir.toAbsolutePath().toString());
            new Cluster(dir, 0, environment, Paths.get("target", "cluster-logs", "script.log").toAbsolutePath()).run(300, "down");
        }
    }

    int port() {
        return port;
    }

    HubClient client() {
        return new HubClient(port);
    }

    String storeUri() {
        return "mongodb://127.0.0.1:" + (port + 2);
    }

    Path logOf(String process) {
        return dir.resolve("logs").resolve(process + ".log");
    }

    /** The last {@code lines} lines of a process's log, or why they cannot be read. */
    String logTail(String process, int lines) {
        try {
            List<String> all = Files.readAllLines(logOf(process), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + logOf(process) + " unreadable: " + e + ")";
        }
    }

    /** {@code ops/cluster.sh kill NAME}: SIGKILL. */
    void kill(String process) {
        run(120, "kill", process);
    }

    /** {@code ops/cluster.sh stop NAME}: SIGTERM, and wait until it ended. */
    void stop(String process) {
        run(120, "stop", process);
    }

    /** {@code ops/cluster.sh start NAME}: returns once the process is ready. */
    void start(String process) {
        run(600, "start", process);
    }

    String status() {
        return run(60, "status");
    }

    @Override
    public void close() {
        run(300, "down");
    }

    /** Runs the script, its output also appended to the script log; fails unless it exits 0 (status may say 1). */
    String run(int timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "ops/cluster.sh"));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(scriptLog.getParent());
            Path output = Files.createTempFile("cluster", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            Files.writeString(scriptLog, "$ ops/cluster.sh " + String.join(" ", arguments) + "\n" + printed,
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (!ended) {
                process.destroyForcibly();
                throw new AssertionError("ops/cluster.sh " + String.join(" ", arguments) + " did not end in "
                        + timeoutSeconds + " s:\n" + printed);
            }
            if (process.exitValue() != 0 && !"status".equals(arguments[0])) {
                throw new AssertionError("ops/cluster.sh " + String.join(" ", arguments) + " exited "
                        + process.exitValue() + ":\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A base port with the {@code count} ports from it free now. */
    private static int freePortRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below Linux's ephemeral range (32768 and up): the ports are checked free now but taken only as each
            // process starts, and meanwhile an outgoing connection or a port-0 listener could be given one of them.
            int base = 20_000 + (int) (Math.random() * (32_768 - 20_000 - count));
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("No " + count + " free ports in a row");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
