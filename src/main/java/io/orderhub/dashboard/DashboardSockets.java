package io.orderhub.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.Exchange;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's WebSocket clients. A client is admitted only once its token is checked, and it gets the
 * snapshot before any live event: events go to the admitted clients by connection key rather than to every
 * open socket, and admitting (snapshot, then joining) and broadcasting (apply, then send) hold one lock, so
 * a client never sees an event before its snapshot nor misses one between them.
 */
public class DashboardSockets {

    /** Closes a socket for a policy violation (RFC 6455): here a missing or wrong token. */
    public static final short POLICY_VIOLATION = 1008;

    private static final Logger log = LoggerFactory.getLogger(DashboardSockets.class);

    private final DashboardState state;
    private final DashboardStores stores;
    private final DashboardCredentials credentials;
    private final ObjectMapper json;
    private final ProducerTemplate producer;
    private final int port;
    private final DashboardProperties properties;
    private final Set<String> admitted = new LinkedHashSet<>();
    private volatile List<Map<String, Object>> storeHealth = List.of();
    /** While a resync builds its state: the events applied meanwhile, to apply to that state too. */
    private List<DashboardEvent> arrivedDuringResync;

    public DashboardSockets(DashboardState state, DashboardStores stores, DashboardCredentials credentials,
            ObjectMapper json, ProducerTemplate producer, DashboardProperties properties, MeterRegistry meters) {
        this.state = state;
        this.stores = stores;
        this.storeHealth = readStores();
        this.credentials = credentials;
        this.json = json;
        this.producer = producer;
        this.properties = properties;
        this.port = properties.websocketPort() == 0 ? freePort() : properties.websocketPort();
        Gauge.builder("orderhub.dashboard.connections", this, DashboardSockets::clients)
                .description("Dashboard WebSocket clients admitted").register(meters);
    }

    public int port() {
        return port;
    }

    /**
     * {@code GET /dashboard/config}: where the page connects its WebSocket. {@code websocket_port} stays the port
     * this process listens on, for the clients that read it; the page connects to {@code public_websocket_port}
     * on its own host or, with {@code websocket_same_origin}, to its own host and port (a reverse proxy).
     */
    public Map<String, Object> pageConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("websocket_port", port);
        config.put("websocket_path", "/dashboard");
        config.put("websocket_same_origin", properties.websocketSameOrigin());
        config.put("public_websocket_port", properties.websocketSameOrigin() ? null
                : properties.publicWebsocketPort() == null ? port : properties.publicWebsocketPort());
        config.put("stores_refresh_ms", properties.storesInterval().toMillis());
        return config;
    }

    /** The endpoint of the WebSocket, for the consumer that accepts clients and the producer that writes to them. */
    public String endpointUri() {
        return "vertx-websocket:0.0.0.0:" + port + "/dashboard";
    }

    /** A client connected: closed with 1008 without a valid token, otherwise sent the snapshot and admitted. */
    public void open(Exchange exchange) {
        ServerWebSocket socket = exchange.getMessage().getBody(ServerWebSocket.class);
        String key = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        if (!credentials.accepts(exchange.getMessage().getHeader("token", String.class))) {
            log.info("Refused a dashboard WebSocket from {}: missing or wrong token",
                    exchange.getMessage().getHeader(VertxWebsocketConstants.REMOTE_ADDRESS));
            socket.close(POLICY_VIOLATION, "A valid dashboard token is required");
            return;
        }
        synchronized (admitted) {
            send(key, snapshot());
            admitted.add(key);
        }
    }

    /** The snapshot frame, with the stores as of the last refresh: a client must not cost a store read here. */
    private String snapshot() {
        Map<String, Object> snapshot = state.snapshot();
        snapshot.put("stores", storeHealth);
        return write(snapshot);
    }

    /**
     * Replaces the state with one built from the store, and sends every client a fresh snapshot when that changed
     * anything. The build runs off the lock, so events keep reaching the clients meanwhile; they are also kept
     * and applied to the fresh state before it is adopted, which therefore misses none of them (an event the
     * build already read from the store is applied twice, harmlessly: applying an order's statuses is idempotent).
     *
     * @return per figure that differed, old → new; empty when the state already agreed with the store
     */
    public Map<String, String> resync(Supplier<DashboardState> build) {
        synchronized (admitted) {
            arrivedDuringResync = new ArrayList<>();
        }
        try {
            DashboardState fresh = build.get();
            synchronized (admitted) {
                arrivedDuringResync.forEach(fresh::apply);
                Map<String, String> differences = state.differencesTo(fresh);
                state.adopt(fresh);
                if (!differences.isEmpty() && !admitted.isEmpty()) {
                    send(String.join(",", admitted), snapshot());
                }
                return differences;
            }
        } finally {
            synchronized (admitted) {
                arrivedDuringResync = null;
            }
        }
    }

    /**
     * Reads the stores' webhook health again, for the next snapshot and {@code GET /dashboard/stores}. Polled
     * rather than pushed: webhook times and reconciliation results are written by every import instance to the
     * store, which every dashboard instance reads. Not sent as a frame of its own: the feed's frames are the
     * order and delivery events CONTRACT.md lists, and the page polls the list instead.
     */
    public void refreshStores() {
        storeHealth = readStores();
    }

    /** The stores' webhook health as last read. */
    public List<Map<String, Object>> stores() {
        return storeHealth;
    }

    /** The stores' webhook health; while the store cannot be read, the last list (the dashboard is a view). */
    private List<Map<String, Object>> readStores() {
        try {
            return stores.items();
        } catch (RuntimeException e) {
            log.debug("Could not read the stores' webhook health; showing the last list: {}", e.toString());
            return storeHealth;
        }
    }

    public void close(Exchange exchange) {
        String key = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        synchronized (admitted) {
            admitted.remove(key);
        }
    }

    /** Applies events from any instance to this instance's state and sends each, completed, to every admitted client. */
    public void applyAndBroadcast(List<DashboardEvent> events) {
        synchronized (admitted) {
            if (arrivedDuringResync != null) {
                arrivedDuringResync.addAll(events);
            }
            for (DashboardEvent event : events) {
                DashboardEvent complete = state.apply(event);
                if (!admitted.isEmpty()) {
                    send(String.join(",", admitted), write(complete));
                }
            }
        }
    }

    public int clients() {
        synchronized (admitted) {
            return admitted.size();
        }
    }

    private void send(String connectionKeys, String text) {
        try {
            producer.sendBodyAndHeaders(endpointUri(), text, Map.of(VertxWebsocketConstants.CONNECTION_KEY, connectionKeys,
                    VertxWebsocketConstants.SEND_TO_ALL, false));
        } catch (RuntimeException e) {
            // One client gone mid-write must not keep the others from their events.
            log.debug("Could not write to dashboard clients {}: {}", connectionKeys, e.toString());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a dashboard event", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the dashboard WebSocket", e);
        }
    }
}
