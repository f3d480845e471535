package io.orderhub.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The queue of a hub with Redis (the seed's choice): a Redis stream, one entry per delivery
 * ({@code XADD}), read oldest first ({@code XRANGE}) and deleted once imported ({@code XDEL}). Every
 * instance appends to the same stream and one at a time drains it (a short-lived {@code SET NX} lock),
 * so the stream keeps arrival order. How durable an {@code XADD} is depends on the operator's Redis:
 * {@code appendonly yes} with {@code appendfsync always} for "acknowledged means on disk" (README, Resilience).
 */
public final class RedisStreamQueue implements ImportQueue {

    private static final String FIELD = "delivery";
    private static final Duration DRAIN_LEASE = Duration.ofSeconds(30);

    private final StringRedisTemplate redis;
    private final String key;
    private final String drainLock;
    private final String instance = UUID.randomUUID().toString();
    private final ObjectMapper json;

    public RedisStreamQueue(StringRedisTemplate redis, String key, ObjectMapper json) {
        this.redis = redis;
        this.key = key;
        this.drainLock = key + ":drain";
        this.json = json;
    }

    @Override
    public String append(QueuedDelivery delivery) {
        try {
            String entry = json.writeValueAsString(delivery.withQueueId(null));
            RecordId id = redis.opsForStream().add(StreamRecords.string(Map.of(FIELD, entry)).withStreamKey(key));
            if (id == null) {
                throw new QueueUnavailableException("Redis gave no id for the queued delivery on " + key, null);
            }
            return id.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e instanceof QueueUnavailableException q ? q
                    : new QueueUnavailableException("Cannot append to the Redis stream " + key, e);
        }
    }

    @Override
    public List<QueuedDelivery> oldest(int max) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().range(key, Range.unbounded(),
                Limit.limit().count(max));
        return records == null ? List.of() : records.stream().map(this::delivery).toList();
    }

    private QueuedDelivery delivery(MapRecord<String, Object, Object> record) {
        try {
            return json.readValue(String.valueOf(record.getValue().get(FIELD)), QueuedDelivery.class)
                    .withQueueId(record.getId().getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable entry " + record.getId() + " in the Redis stream " + key, e);
        }
    }

    @Override
    public void acknowledge(QueuedDelivery delivery) {
        redis.opsForStream().delete(key, RecordId.of(delivery.queueId()));
    }

    @Override
    public long depth() {
        Long size = redis.opsForStream().size(key);
        return size == null ? 0 : size;
    }

    @Override
    public boolean claimDrain() {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(drainLock, instance, DRAIN_LEASE));
    }

    @Override
    public void releaseDrain() {
        if (instance.equals(redis.opsForValue().get(drainLock))) {
            redis.delete(drainLock);
        }
    }
}
