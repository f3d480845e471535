package io.orderhub.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.orderhub.bench.Workload;
import io.orderhub.support.HubClient;

/**
 * A steady stream of signed deliveries through the public address, as platforms send them: the requests of a
 * {@link Workload} (new orders of three platforms, exact redeliveries and newer versions) at a fixed rate from
 * a pool of senders, each answer kept with how long it took.
 */
final class DeliveryStream {

    private static final int SENDERS = 8;

    /** One answer: status -1 when nothing answered. */
    record Sent(Workload.Request request, int status, String outcome, long millis) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final HubClient hub;
    private final List<Workload.Request> requests;
    private final int perSecond;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final List<Future<Sent>> answers = new ArrayList<>();
    private Thread pacer;

    DeliveryStream(HubClient hub, List<Workload.Request> requests, int perSecond) {
        this.hub = hub;
        this.requests = requests;
        this.perSecond = perSecond;
    }

    /** Starts sending in the background; {@link #await()} waits for every answer. */
    DeliveryStream start() {
        pacer = new Thread(() -> {
            long started = System.nanoTime();
            for (int i = 0; i < requests.size(); i++) {
                long due = started + TimeUnit.SECONDS.toNanos(i) / perSecond;
                LockSupport.parkNanos(due - System.nanoTime());
                Workload.Request request = requests.get(i);
                synchronized (answers) {
                    answers.add(senders.submit(() -> send(hub, request)));
                }
            }
        }, "delivery-stream");
        pacer.start();
        return this;
    }

    /** How many requests have been handed to the senders so far. */
    int dispatched() {
        synchronized (answers) {
            return answers.size();
        }
    }

    List<Sent> await() {
        try {
            pacer.join();
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> answer : answers) {
                sent.add(answer.get());
            }
            return sent;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            senders.shutdownNow();
        }
    }

    static Sent send(HubClient hub, Workload.Request request) {
        long started = System.nanoTime();
        try {
            HubClient.Answer answer = hub.post("/import-orders", request.headers(), request.body());
            String outcome = answer.contentType() != null && answer.contentType().contains("json")
                    ? answer.json().path("status").asText(null) : null;
            return new Sent(request, answer.status(), outcome, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException unreachable) {
            return new Sent(request, -1, "unreachable", (System.nanoTime() - started) / 1_000_000);
        }
    }

    static Set<String> keys(Collection<Sent> sent, java.util.function.Predicate<Sent> which) {
        return sent.stream().filter(which).map(s -> s.request().key()).collect(Collectors.toSet());
    }

    static Map<Integer, Long> statuses(Collection<Sent> sent) {
        return sent.stream().collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
    }

    /** The 99th percentile of the answer times, in milliseconds. */
    static long p99(Collection<Sent> sent) {
        long[] millis = sent.stream().mapToLong(Sent::millis).sorted().toArray();
        return millis.length == 0 ? 0 : millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)];
    }
}
