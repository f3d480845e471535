package io.orderhub.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What nginx does in front of the dashboard, reduced to the one rule that matters: on one public port, a
 * connection whose first request is for the WebSocket path goes to the dashboard's WebSocket port, every other
 * one to the HTTP port. Bytes are passed through as they are, so the Upgrade handshake is the client's own.
 */
final class OnePortProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int httpPort;
    private final int websocketPort;
    private final AtomicInteger websocketConnections = new AtomicInteger();

    private OnePortProxy(int httpPort, int websocketPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.httpPort = httpPort;
        this.websocketPort = websocketPort;
        daemon(this::accept);
    }

    static OnePortProxy start(int httpPort, int websocketPort) {
        try {
            return new OnePortProxy(httpPort, websocketPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections passed to the WebSocket port so far. */
    int websocketConnections() {
        return websocketConnections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> route(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void route(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream requestLine = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                requestLine.write(b);
                if (b == '\n') {
                    break;
                }
            }
            String line = requestLine.toString(StandardCharsets.US_ASCII);
            boolean websocket = line.startsWith("GET /dashboard?") || line.startsWith("GET /dashboard ");
            if (websocket) {
                websocketConnections.incrementAndGet();
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), websocket ? websocketPort : httpPort)) {
                upstream.getOutputStream().write(requestLine.toByteArray());
                Thread back = daemon(() -> pump(upstream, client));
                pump(client, upstream);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // One connection ends; the proxy goes on.
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "one-port-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
