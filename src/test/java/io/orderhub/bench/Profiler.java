package io.orderhub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the hub during the sustained run, started and stopped with {@code jcmd}, and its hottest
 * frames. JDK 17's {@code jfr} tool has no {@code view hot-methods} (that came with JDK 21), so the execution
 * samples are aggregated here: by the method on top of the stack, and by the first frame of the hub's own code.
 */
final class Profiler {

    private static final int TOP = 20;

    private final long pid;
    private final Path file;

    private Profiler(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profiler start(long pid, Path file) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
        return new Profiler(pid, file);
    }

    /** Stops the recording and returns the report: top frames by self samples and by the hub's own frame. */
    String stop() {
        jcmd(pid, "JFR.stop", "name=bench");
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> hub = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                List<RecordedFrame> frames = stack.getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0)), 1, Integer::sum);
                frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.orderhub.")).findFirst()
                        .ifPresent(f -> hub.merge(name(f), 1, Integer::sum));
            }
        } catch (IOException e) {
            return "JFR recording could not be read: " + e;
        }
        return "JFR " + file.toAbsolutePath() + ", " + samples + " execution samples\n\n"
                + table("top frames (self)", self, samples) + "\n" + table("top frames of the hub's own code (first io.orderhub frame on the stack)", hub, samples);
    }

    private static String table(String title, Map<String, Integer> counts, int samples) {
        return "| " + title + " | samples | % |\n| --- | ---: | ---: |\n" + counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .map(e -> String.format("| `%s` | %d | %.1f |", e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, samples)))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static void jcmd(long pid, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
