package io.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** A dashboard client on the JDK's WebSocket: every text frame as JSON, and how the hub closed it. */
public final class DashboardSocket implements AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final WebSocket socket;

    private DashboardSocket(int port, String token) {
        Listener listener = new Listener();
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/dashboard" + (token == null ? "" : "?token=" + token)),
                        listener)
                .join();
    }

    public static DashboardSocket connect(int port, String token) {
        return new DashboardSocket(port, token);
    }

    /** The next frame within the timeout, or an assertion failure naming what was awaited. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No dashboard frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every frame that arrives within the time. */
    public java.util.List<JsonNode> framesWithin(Duration window) {
        java.util.List<JsonNode> received = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null) {
                    received.add(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received;
    }

    public boolean hasNoFrameWithin(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips frames until one matches, within the timeout. */
    public JsonNode awaitFrame(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching dashboard frame within " + timeout);
            }
            JsonNode frame = next(Duration.ofNanos(left));
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The close code the hub sent, waiting for it up to the timeout. */
    public int closeCode(Duration timeout) {
        return closedWith.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Goes away without the closing handshake, as a killed tab or a lost network does: the connection just ends. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    frames.add(Fixture.JSON.readTree(text.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("A dashboard frame is not JSON: " + text, e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.completeExceptionally(error);
        }
    }
}
