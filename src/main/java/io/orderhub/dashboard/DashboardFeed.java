package io.orderhub.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.order.OrderEvent;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The import role's side of the dashboard: posts batches of events to the dashboard role over pooled,
 * kept-alive HTTP/1.1 connections with short timeouts. The dashboard is a view, not a record: when it is
 * down or slow, events are dropped and counted ({@code orderhub.dashboard.feed.events{outcome=dropped}})
 * rather than held, so the import never waits for it. The next accepted post says how many were dropped
 * ({@link DashboardResync#DROPPED_HEADER}), and the dashboard then catches up from the store.
 */
@Component
public class DashboardFeed {

    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
    private static final String EVENTS_PATH = "/dashboard/events";

    private final DashboardProperties properties;
    private final DashboardCredentials credentials;
    private final ObjectMapper json;
    private final Environment environment;
    private final HttpClient http;
    private final Counter sentCounter;
    private final Counter droppedCounter;
    private final AtomicLong dropped = new AtomicLong();
    /** Dropped since the dashboard last accepted a post: told with the next one, so that it catches up at once. */
    private final AtomicLong unreported = new AtomicLong();
    private volatile boolean reportedDown;

    public DashboardFeed(DashboardProperties properties, DashboardCredentials credentials, ObjectMapper json,
            Environment environment, MeterRegistry meters) {
        this.properties = properties;
        this.credentials = credentials;
        this.json = json;
        this.environment = environment;
        // One client for the process: the JDK client keeps its HTTP/1.1 connections open and reuses them.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        this.sentCounter = meters.counter("orderhub.dashboard.feed.events", "outcome", "sent");
        this.droppedCounter = meters.counter("orderhub.dashboard.feed.events", "outcome", "dropped");
    }

    public DashboardEvent event(OrderEvent event) {
        return DashboardEvent.of(event);
    }

    /** Posts one batch; a refusal or failure drops it (counted) and never throws. */
    public void post(List<DashboardEvent> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long droppedBefore = unreported.get();
        try {
            HttpRequest request = HttpRequest.newBuilder(eventsUri())
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + credentials.token())
                    .header(DashboardResync.DROPPED_HEADER, Long.toString(droppedBefore))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                unreported.addAndGet(-droppedBefore);
                sentCounter.increment(batch.size());
                if (reportedDown) {
                    reportedDown = false;
                    log.info("The dashboard at {} takes events again", eventsUri());
                }
                return;
            }
            drop(batch.size(), "it answered " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(batch.size(), "interrupted");
        } catch (JsonProcessingException e) {
            drop(batch.size(), e.getMessage());
        } catch (Exception e) {
            drop(batch.size(), e.toString());
        }
    }

    /** The outbox between the import's event bus and the poster was full: the event is dropped, counted. */
    public void outboxFull(Exchange exchange) {
        drop(1, "the outbox is full");
    }

    public long dropped() {
        return dropped.get();
    }

    private void drop(int events, String why) {
        dropped.addAndGet(events);
        unreported.addAndGet(events);
        droppedCounter.increment(events);
        if (!reportedDown) {
            reportedDown = true;
            log.warn("Dropping dashboard events ({}): the dashboard at {} does not take them; counting, not retrying",
                    why, eventsUri());
        } else {
            log.debug("Dropped {} dashboard events: {}", events, why);
        }
    }

    private URI eventsUri() {
        String base = properties.baseUrl();
        if (base == null || base.isBlank()) {
            base = "http://127.0.0.1:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080"));
        }
        return URI.create(base.replaceAll("/+$", "") + EVENTS_PATH);
    }
}
