package io.orderhub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.gateway.LocalTokenBuckets;
import io.orderhub.gateway.RedisTokenBuckets;
import io.orderhub.gateway.StoreRateLimiter;
import io.orderhub.problem.Problems;
import io.orderhub.support.Poll;
import io.orderhub.support.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared buckets' Redis (a {@code redis-server} of this test's own) is killed and started again: meanwhile
 * each instance limits a store by its own bucket, nothing but a 429 escapes, and the shared bucket is used again
 * once Redis answers.
 */
@Tag("fault")
class RateLimitRedisOutageTest {

    /** So slow a refill that only the burst counts, however long this test runs. */
    private static final double RATE = 0.01;
    private static final int BURST = 3;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RedisTokenBuckets.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void whileRedisIsDownTheLocalBucketLimitsAndTheSharedOneIsUsedAgainWhenRedisReturns() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            LettuceConnectionFactory connections = connectionsTo(server);
            try {
                StringRedisTemplate redis = new StringRedisTemplate(connections);
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                StoreRateLimiter limiter = limiter(redis, meters);

                assertThat(admitted(limiter, "shop.example.com", BURST + 1)).as("Redis up").isEqualTo(BURST);
                assertThat(server.keys()).as("buckets in Redis").isEqualTo(1);
                assertThat(fallbacks(meters)).isZero();

                server.kill();
                assertThat(admitted(limiter, "shop.example.com", BURST + 1)).as("Redis down: the local bucket")
                        .isEqualTo(BURST);
                assertThat(fallbacks(meters)).as("calls decided locally").isEqualTo(BURST + 1);

                server.startAgain();
                long keys = Poll.until(Duration.ofSeconds(20), () -> {
                    admitted(limiter, "back.example.com", 1);
                    return server.keys();
                }, n -> n > 0);
                assertThat(keys).as("a bucket in Redis again").isEqualTo(1);
                // Shared again: another instance (buckets of its own) takes from the same budget.
                StoreRateLimiter otherInstance = limiter(redis, new SimpleMeterRegistry());
                int together = admitted(limiter, "again.example.com", BURST) + admitted(otherInstance, "again.example.com", BURST);
                assertThat(together).as("admitted by two instances from one bucket").isEqualTo(BURST);

                assertThat(lines(Level.WARN)).as("one warning for the outage").hasSize(1);
                assertThat(lines(Level.INFO)).as("one line when Redis answers again").hasSize(1);
            } finally {
                connections.destroy();
            }
        }
    }

    private static StoreRateLimiter limiter(StringRedisTemplate redis, MeterRegistry meters) {
        return new StoreRateLimiter(new RedisTokenBuckets(redis, "rate-outage-test:", RATE, BURST,
                Duration.ofMillis(200), new LocalTokenBuckets(RATE, BURST), meters));
    }

    /** How many of {@code attempts} deliveries of the store the limiter admits; a 429 is the only refusal expected. */
    private static int admitted(StoreRateLimiter limiter, String store, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                limiter.admit("woocommerce", store);
                admitted++;
            } catch (Problems.RateLimited refused) {
                // the bucket is empty
            }
        }
        return admitted;
    }

    private static double fallbacks(MeterRegistry meters) {
        return meters.get(RedisTokenBuckets.FALLBACKS).counter().count();
    }

    private List<String> lines(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static LettuceConnectionFactory connectionsTo(RedisServerProcess server) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", server.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(250)).build());
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }
}
