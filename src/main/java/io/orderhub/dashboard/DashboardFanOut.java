package io.orderhub.dashboard;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Hands the events one instance receives to every instance's clients. With Redis, a batch is published
 * on one channel that every instance (this one too) subscribes to, so each instance applies every batch
 * exactly once whichever instance the import posted to; without Redis, the batch is applied here.
 */
public class DashboardFanOut implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(DashboardFanOut.class);
    private static final TypeReference<List<DashboardEvent>> BATCH = new TypeReference<>() {
    };

    private final DashboardSockets sockets;
    private final ObjectMapper json;
    private final StringRedisTemplate redis;
    private final String channel;

    /** {@code redis} null: this instance is alone and applies what it receives. */
    public DashboardFanOut(DashboardSockets sockets, ObjectMapper json, StringRedisTemplate redis, String channel) {
        this.sockets = sockets;
        this.json = json;
        this.redis = redis;
        this.channel = channel;
    }

    public boolean viaRedis() {
        return redis != null;
    }

    public String channel() {
        return channel;
    }

    /** The body of {@code POST /dashboard/events}: a JSON array of events. */
    public void publish(String batch) {
        List<DashboardEvent> events;
        try {
            events = json.readValue(batch, BATCH);
        } catch (IOException e) {
            throw new Problems.MalformedPayload("Dashboard events must be a JSON array of events: " + e.getMessage());
        }
        if (redis != null) {
            try {
                redis.convertAndSend(channel, batch);
                return;
            } catch (RuntimeException e) {
                // Redis down: this instance's clients still see the events; the other instances' do not.
                log.warn("Could not publish dashboard events on Redis channel {}; showing them here only: {}", channel,
                        e.toString());
            }
        }
        sockets.applyAndBroadcast(events);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            sockets.applyAndBroadcast(json.readValue(message.getBody(), BATCH));
        } catch (IOException e) {
            log.warn("Ignored an unreadable message on Redis channel {}: {}", channel, e.toString());
        }
    }
}
