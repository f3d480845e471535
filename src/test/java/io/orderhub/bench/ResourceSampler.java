package io.orderhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.orderhub.support.HubClient;

/**
 * Samples the hub's heap in use (its own {@code jvm.memory.used} metric, area heap) and its resident set size
 * ({@code VmRSS} of /proc) once a second while a phase runs, to show the maximum; and the live heap (in use
 * right after a full collection, asked for with {@code jcmd GC.run}) when the phase starts and ends, to show
 * growth: the heap in use between collections says how much garbage waits, not what is kept.
 */
final class ResourceSampler implements AutoCloseable {

    /**
     * Figures in MB; NaN when they could not be read. Bounded caches and queues (the dedup cache, the store's
     * page cache, the event queues) may still fill during the run, hence the margin of {@link #grows()}.
     */
    record Memory(double heapStart, double heapEnd, double heapMax, double rssStart, double rssEnd, double rssMax,
            double liveStart, double liveEnd) {

        boolean grows() {
            return !(liveEnd <= liveStart * 1.25 + 32);
        }
    }

    private final HubClient hub;
    private final long pid;
    private final List<double[]> samples = new ArrayList<>();
    private final Thread thread;
    private final double liveStart;
    private volatile boolean running = true;

    ResourceSampler(HubClient hub, long pid) {
        this.hub = hub;
        this.pid = pid;
        this.liveStart = liveHeap();
        this.thread = new Thread(this::run, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            double heap = metric("jvm.memory.used", "area:heap");
            double rss = rssMb();
            synchronized (samples) {
                samples.add(new double[] {heap, rss});
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Memory stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double liveEnd = liveHeap();
        synchronized (samples) {
            if (samples.isEmpty()) {
                return new Memory(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, liveStart, liveEnd);
            }
            double[] first = samples.get(0);
            double[] last = samples.get(samples.size() - 1);
            double heapMax = samples.stream().mapToDouble(s -> s[0]).max().orElse(Double.NaN);
            double rssMax = samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
            return new Memory(first[0], last[0], heapMax, first[1], last[1], rssMax, liveStart, liveEnd);
        }
    }

    private double liveHeap() {
        try {
            Profiler.jcmd(pid, "GC.run");
        } catch (IllegalStateException gone) {
            return Double.NaN;
        }
        return metric("jvm.memory.used", "area:heap");
    }

    private double metric(String name, String tag) {
        try {
            HubClient.Answer answer = hub.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
            if (answer.status() != 200) {
                return Double.NaN;
            }
            return answer.json().path("measurements").path(0).path("value").asDouble(Double.NaN) / (1024 * 1024);
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // not Linux, or the process ended
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
