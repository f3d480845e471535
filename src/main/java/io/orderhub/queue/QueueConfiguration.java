package io.orderhub.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.CacheKind;
import io.orderhub.config.OrderHubProperties.QueueKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The import queue of this process: a Redis stream when Redis is configured (or {@code orderhub.queue.kind=redis}),
 * otherwise a spool file under {@code orderhub.data-dir} (a fresh temporary directory when the data directory
 * is blank, as the store then lives in memory too).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("import")
class QueueConfiguration {

    /** Meter name: entries waiting in the import queue. */
    static final String DEPTH = "orderhub.queue.depth";

    @Bean(destroyMethod = "close")
    ImportQueue importQueue(OrderHubProperties properties, ObjectProvider<StringRedisTemplate> redis, MeterRegistry meters) {
        // The entries' own format, independent of how the web layer writes JSON.
        ObjectMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        OrderHubProperties.Queue settings = properties.queue();
        boolean useRedis = settings.kind() == QueueKind.REDIS
                || settings.kind() == QueueKind.AUTO && properties.idempotency().cache() == CacheKind.REDIS;
        ImportQueue queue = useRedis ? new RedisStreamQueue(redis.getObject(), settings.redisKey(), json)
                : SpoolFileQueue.open(spoolDirectory(properties.dataDir()), json);
        Gauge.builder(DEPTH, queue, QueueConfiguration::depthOrNaN)
                .description("Deliveries kept durably while the store was unavailable, not yet imported")
                .tag("queue", "import").register(meters);
        return queue;
    }

    private static double depthOrNaN(ImportQueue queue) {
        try {
            return queue.depth();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private static Path spoolDirectory(String dataDir) {
        try {
            return dataDir == null || dataDir.isBlank() ? Files.createTempDirectory("orderhub-queue")
                    : Path.of(dataDir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the import queue", e);
        }
    }
}
