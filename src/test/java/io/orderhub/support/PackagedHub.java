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

    public PackagedHub awaitUp() {
        HubClient client = client();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HubClient.Answer health = client.get("/actuator/health");
                if (health.status() == 200 && "UP".equals(health.field("status"))) {
                    return this;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("The hub did not report UP; see " + log);
    }

    /** SIGKILL: the process dies between any two instructions. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. */
    public int terminate() {
        process.destroy();
        return await();
    }

    private int await() {
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
