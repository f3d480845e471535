package io.orderhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends pre-generated requests with the JDK's HTTP client (HTTP/1.1, kept-alive connections): closed loop
 * (N connections, each sends its next request when the answer came) for rates, and open loop (requests
 * scheduled by the clock, latency measured from the intended send time, so a stalled hub cannot hide its
 * stall by slowing the sender down: no coordinated omission) for latency.
 */
final class LoadRunner {

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Requests in flight in the open loop before the scheduler waits; its latency still counts from the schedule. */
    private static final int OPEN_LOOP_MAX_IN_FLIGHT = 4_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    LoadRunner(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A phase's figures; {@code exhausted} when the pre-generated requests ran out before the time did. */
    record PhaseResult(String name, long requests, long ok, double seconds, Histogram latencyMicros, boolean exhausted) {

        double rate() {
            return ok / seconds;
        }
    }

    /** The no-op route with one realistic body, {@code connections} at a time, for {@code seconds}. */
    PhaseResult ceiling(Workload.Request sample, int connections, int seconds) {
        HttpRequest request = request("/bench/noop", sample.headers(), sample.body());
        return closedLoop("ceiling", connections, seconds, index -> request, (index, status, body) -> { }, Integer.MAX_VALUE,
                new AtomicInteger());
    }

    /** Imports from {@code cursor} on, {@code connections} at a time, for {@code seconds}. */
    PhaseResult imports(String name, Workload workload, Outcomes outcomes, AtomicInteger cursor, int connections,
            int seconds) {
        return closedLoop(name, connections, seconds, index -> {
            awaitAnswer(outcomes, workload.get(index).refersTo());
            return importRequest(workload.get(index));
        }, outcomes::record, workload.size(), cursor);
    }

    /** Imports from {@code cursor} on at {@code rate} per second for {@code seconds}, scheduled by the clock. */
    PhaseResult openLoop(Workload workload, Outcomes outcomes, AtomicInteger cursor, int rate, int seconds) {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        Semaphore inFlight = new Semaphore(OPEN_LOOP_MAX_IN_FLIGHT);
        AtomicLong ok = new AtomicLong();
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long start = System.nanoTime();
        long sent = 0;
        boolean exhausted = false;
        for (; sent < total; sent++) {
            int index = cursor.getAndIncrement();
            if (index >= workload.size()) {
                exhausted = true;
                break;
            }
            long intended = start + sent * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            answers.add(http.sendAsync(importRequest(workload.get(index)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long micros = (System.nanoTime() - intended) / 1_000;
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                        if (failure == null) {
                            outcomes.record(index, response.statusCode(), response.body());
                            if (response.statusCode() < 300) {
                                ok.incrementAndGet();
                            }
                        } else {
                            outcomes.record(index, -1, null);
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new PhaseResult("open loop " + rate + "/s", sent, ok.get(), elapsed, latency, exhausted);
    }

    /**
     * A follow-up (redelivery, update) goes out only once its order was answered, as on a platform, where the
     * retry or the update comes after the first delivery; in the closed loop a slow answer may still be out.
     */
    private static void awaitAnswer(Outcomes outcomes, int index) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (index >= 0 && !outcomes.answered(index) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    @FunctionalInterface
    private interface Answered {
        void accept(int index, int status, String body);
    }

    private PhaseResult closedLoop(String name, int connections, int seconds, java.util.function.IntFunction<HttpRequest> requests,
            Answered answered, int limit, AtomicInteger cursor) {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicInteger exhausted = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int index = cursor.getAndIncrement();
                    if (index >= limit) {
                        exhausted.set(1);
                        return;
                    }
                    long before = System.nanoTime();
                    sent.incrementAndGet();
                    try {
                        HttpResponse<String> response = http.send(requests.apply(index), HttpResponse.BodyHandlers.ofString());
                        answered.accept(index, response.statusCode(), response.body());
                        if (response.statusCode() < 300) {
                            ok.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception unreachable) {
                        answered.accept(index, -1, null);
                    }
                    latency.recordValue(Math.min((System.nanoTime() - before) / 1_000, latency.getHighestTrackableValue()));
                }
            }, name + "-" + c);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new PhaseResult(name, sent.get(), ok.get(), elapsed, latency, exhausted.get() == 1);
    }

    private HttpRequest importRequest(Workload.Request request) {
        return request("/import-orders", request.headers(), request.body());
    }

    private HttpRequest request(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
