package io.orderhub.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.support.TestRedis;
import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared repository against the real Redis ({@link TestRedis#DATABASE}), under a key prefix of this test's own
 * so it never touches another test's keys.
 */
class RedisOrderIdempotentRepositoryTest extends OrderIdempotentRepositoryContract {

    private static final Duration TTL = Duration.ofMinutes(90);

    private final String prefix = "repo-test-" + UUID.randomUUID() + ":";
    private final LettuceConnectionFactory connections = connections(TestRedis.PORT);
    private final StringRedisTemplate redis = new StringRedisTemplate(connections);
    private final RedisOrderIdempotentRepository repository = started(redis, prefix);

    @Override
    OrderIdempotentRepository repository() {
        return repository;
    }

    @AfterEach
    void stop() {
        repository.clear();
        repository.stop();
        connections.destroy();
    }

    @Test
    void isCamelsRedisStringRepository() {
        assertThat(repository).isInstanceOf(SpringRedisStringIdempotentRepository.class);
        assertThat(repository.getExpiry()).isEqualTo(TTL.toSeconds());
    }

    @Test
    void aClaimAndAStoredEntryCarryTheConfiguredExpiryUnderThePrefixedKey() {
        repository.add(KEY);
        assertThat(redis.getExpire(prefix + KEY)).as("claim's expiry, seconds").isBetween(TTL.toSeconds() - 5, TTL.toSeconds());

        repository.remove(KEY);
        repository.remember(KEY, CacheEntry.pending("digest-1"));
        repository.stop(); // waits for the writer

        assertThat(redis.opsForValue().get(prefix + KEY)).isEqualTo(CacheEntry.pending("digest-1").encode());
        assertThat(redis.getExpire(prefix + KEY)).as("stored entry's expiry, seconds")
                .isBetween(TTL.toSeconds() - 5, TTL.toSeconds());
    }

    @Test
    void clearDeletesThisHubsKeysOnly() {
        String otherHub = "other-" + prefix;
        redis.opsForValue().set(otherHub + KEY, "kept", Duration.ofMinutes(1));
        for (int i = 0; i < 1_200; i++) {
            repository.add(KEY + i);
        }

        repository.clear();

        assertThat(redis.keys(prefix + "*")).isEmpty();
        assertThat(redis.opsForValue().get(otherHub + KEY)).as("a key whose prefix merely contains ours").isEqualTo("kept");
        redis.delete(otherHub + KEY);
    }

    @Test
    void aRedisOutageNeverRefusesAKey() {
        LettuceConnectionFactory nowhere = connections(1);
        RedisOrderIdempotentRepository down = started(new StringRedisTemplate(nowhere), prefix);
        try {
            assertThat(down.add(delivery("digest-1"), KEY)).as("add").isTrue();
            assertThat(down.add(delivery("digest-1"), KEY)).as("add again").isTrue();
            assertThat(down.contains(KEY)).as("contains").isFalse();
            assertThat(down.fallbacks()).isEqualTo(3);
        } finally {
            down.stop();
            nowhere.destroy();
        }
    }

    private static RedisOrderIdempotentRepository started(StringRedisTemplate redis, String prefix) {
        RedisOrderIdempotentRepository repository = new RedisOrderIdempotentRepository(redis, prefix, TTL,
                CircuitBreaker.ofDefaults("test-redis"), new SimpleMeterRegistry());
        repository.start();
        return repository;
    }

    private static LettuceConnectionFactory connections(int port) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(TestRedis.HOST, port);
        server.setDatabase(TestRedis.DATABASE);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
