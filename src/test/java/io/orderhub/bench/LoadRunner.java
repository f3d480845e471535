package io.orderhub.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends pre-generated requests over kept-alive HTTP/1.1 connections from one Vert.x (Netty) event loop: closed
 * loop (N connections, each sends its next request when the answer came) for rates, and open loop (requests
 * scheduled by the clock, latency measured from the intended send time, so a stalled hub cannot hide its stall
 * by slowing the sender down: no coordinated omission) for latency.
 * <p>
 * One event loop, not a thread per connection: the generator shares the hub's two cores, and the JDK's
 * HttpClient spent more CPU per request than the hub's no-op route does, so it measured itself (358 req/s
 * against wrk's 9,400 on the same route).
 */
final class LoadRunner implements AutoCloseable {

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");
    private static final long TIMEOUT_MILLIS = 30_000;
    /** Requests in flight in the open loop before the scheduler waits; its latency still counts from the schedule. */
    private static final int OPEN_LOOP_MAX_IN_FLIGHT = 4_000;

    private final Vertx vertx;
    private final HttpClient http;
    private final int port;

    LoadRunner(int port, int connections) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(Math.max(connections, 256)).setMaxWaitQueueSize(-1));
    }

    /** A phase's figures; {@code exhausted} when the pre-generated requests ran out before the time did. */
    record PhaseResult(String name, long requests, long ok, double seconds, Histogram latencyMicros, boolean exhausted) {

        double rate() {
            return ok / seconds;
        }
    }

    /** A request as sent: path, headers, body. */
    private record Outgoing(String path, Map<String, String> headers, Buffer body) {
    }

    /** The no-op route with one realistic body, {@code connections} at a time, for {@code seconds}. */
    PhaseResult ceiling(Workload.Request sample, int connections, int seconds) {
        Outgoing request = new Outgoing("/bench/noop", sample.headers(), Buffer.buffer(sample.body()));
        return closedLoop("ceiling", connections, seconds, index -> request, index -> false, (index, status, body) -> { },
                Integer.MAX_VALUE, new AtomicInteger());
    }

    /** Imports from {@code cursor} on, {@code connections} at a time, for {@code seconds}. */
    PhaseResult imports(String name, Workload workload, Outcomes outcomes, AtomicInteger cursor, int connections,
            int seconds) {
        return closedLoop(name, connections, seconds, index -> importRequest(workload.get(index)),
                index -> workload.get(index).refersTo() >= 0 && !outcomes.answered(workload.get(index).refersTo()),
                outcomes::record, workload.size(), cursor);
    }

    /** Imports from {@code cursor} on at {@code rate} per second for {@code seconds}, scheduled by the clock. */
    PhaseResult openLoop(Workload workload, Outcomes outcomes, AtomicInteger cursor, int rate, int seconds) {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        Semaphore inFlight = new Semaphore(OPEN_LOOP_MAX_IN_FLIGHT);
        AtomicLong ok = new AtomicLong();
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
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
            send(importRequest(workload.get(index))).onComplete(answer -> {
                long micros = (System.nanoTime() - intended) / 1_000;
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                settle(answer, index, outcomes::record, ok);
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(OPEN_LOOP_MAX_IN_FLIGHT);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new PhaseResult("open loop " + rate + "/s", sent, ok.get(), elapsed, latency, exhausted);
    }

    @FunctionalInterface
    private interface Answered {
        void accept(int index, int status, String body);
    }

    private record Answer(int status, String body) {
    }

    /** Records what request {@code index} got (-1: no answer) and counts it when it was a 2xx. */
    private static void settle(AsyncResult<Answer> answer, int index, Answered answered, AtomicLong ok) {
        if (answer.failed()) {
            answered.accept(index, -1, null);
            return;
        }
        answered.accept(index, answer.result().status(), answer.result().body());
        if (answer.result().status() < 300) {
            ok.incrementAndGet();
        }
    }

    /**
     * Each of {@code connections} virtual clients sends, takes the answer, sends the next, until the time is up.
     * A follow-up (redelivery, update) goes out only once its order was answered, as on a platform, where the
     * retry or the update comes after the first delivery: while {@code mustWait}, the client looks again a
     * millisecond later (for at most the request timeout).
     */
    private PhaseResult closedLoop(String name, int connections, int seconds, IntFunction<Outgoing> requests,
            IntPredicate mustWait, Answered answered, int limit, AtomicInteger cursor) {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicInteger exhausted = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        class Client {
            void next() {
                if (System.nanoTime() >= end) {
                    finished.countDown();
                    return;
                }
                int index = cursor.getAndIncrement();
                if (index >= limit) {
                    exhausted.set(1);
                    finished.countDown();
                    return;
                }
                sendWhenReady(index, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS));
            }

            void sendWhenReady(int index, long deadline) {
                if (mustWait.test(index) && System.nanoTime() < deadline) {
                    vertx.setTimer(1, timer -> sendWhenReady(index, deadline));
                    return;
                }
                long before = System.nanoTime();
                sent.incrementAndGet();
                send(requests.apply(index)).onComplete(answer -> {
                    settle(answer, index, answered, ok);
                    latency.recordValue(Math.min((System.nanoTime() - before) / 1_000, latency.getHighestTrackableValue()));
                    next();
                });
            }
        }
        for (int c = 0; c < connections; c++) {
            Client each = new Client();
            vertx.runOnContext(v -> each.next());
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new PhaseResult(name, sent.get(), ok.get(), elapsed, latency, exhausted.get() == 1);
    }

    private Future<Answer> send(Outgoing outgoing) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(outgoing.path()).setIdleTimeout(TIMEOUT_MILLIS);
        outgoing.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                options.addHeader(name, value);
            }
        });
        return http.request(options)
                .compose(request -> request.send(outgoing.body()))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())));
    }

    private static Outgoing importRequest(Workload.Request request) {
        return new Outgoing("/import-orders", request.headers(), Buffer.buffer(request.body()));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
