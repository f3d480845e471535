package io.orderhub.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The packaged jar started as an operator starts it, {@code java -jar … --server.port=… [args]}, as a real process. */
public final class PackagedHub implements AutoCloseable {

    /** A hub that logs nothing for this long while starting is stuck. */
    private static final Duration STALLED = Duration.ofSeconds(120);
    /** Even a hub that keeps logging must be up by then. */
    private static final Duration LONGEST_START = Duration.ofMinutes(10);

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedHub(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar; its output goes to {@code target/hub-logs/} so it outlives the test's temporary directory. */
    public static PackagedHub start(int port, List<String> args) {
        Path logs = Paths.get("target", "hub-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = logs.resolve("hub-" + port + "-" + System.nanoTime() + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PackagedHub(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HubClient client() {
        return new HubClient(port);
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until the hub reports UP. On a loaded machine a start takes minutes, so the wait is not a fixed
     * deadline: it lasts as long as the hub keeps writing its start-up log, and fails once the process exits
     * or its log has been silent for {@code STALLED} (then it is stuck, not slow), with the log's last lines.
     */
    public PackagedHub awaitUp() {
        HubClient client = client();
        Instant started = Instant.now();
        Instant lastProgress = started;
        Instant firstAnswer = null;
        String health = "no answer";
        long logSize = -1;
        while (process.isAlive() && Duration.between(started, Instant.now()).compareTo(LONGEST_START) < 0) {
            try {
                HubClient.Answer answer = client.get("/actuator/health");
                if (answer.status() == 200 && "UP".equals(answer.field("status"))) {
                    System.out.printf("Hub on port %d up after %d s%n", port, Duration.between(started, Instant.now()).toSeconds());
                    return this;
                }
                health = answer.toString();
                firstAnswer = firstAnswer == null ? Instant.now() : firstAnswer;
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            long size = log.toFile().length();
            // Listening but not UP, for long: its failing probes keep the log growing, yet it is stuck.
            if (firstAnswer != null && Duration.between(firstAnswer, Instant.now()).compareTo(STALLED) > 0) {
                break;
            }
            if (size != logSize) {
                logSize = size;
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALLED) > 0) {
                break;
            }
            sleep(250);
        }
        String why = !process.isAlive() ? "exited with " + process.exitValue()
                : "did not report UP after " + Duration.between(started, Instant.now()).toSeconds() + " s (health: " + health + ")";
        process.destroyForcibly();
        throw new AssertionError("The hub on port " + port + " " + why + "; " + log + " ends with:\n" + tail(log, 30));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process dies between any two instructions. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. */
    public int terminate() {
        process.destroy();
        return awaitExit();
    }

    /** Waits for the process to end (a stop asked for elsewhere) and returns its exit code. */
    public int awaitExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jar in {@code target/}, as {@code ./mvnw package} leaves it. */
    public static Path jar() {
        try (Stream<Path> files = Files.list(Paths.get("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("order-import-hub-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("No packaged jar in target" + File.separator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
