package io.orderhub.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded default's repository: Camel's memory repository whose keys expire like the Redis ones. */
class MemoryOrderIdempotentRepositoryTest extends OrderIdempotentRepositoryContract {

    private static final Duration TTL = Duration.ofMinutes(90);

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryOrderIdempotentRepository repository = new MemoryOrderIdempotentRepository(TTL, 1000, nanos::get);

    @Override
    OrderIdempotentRepository repository() {
        return repository;
    }

    @BeforeEach
    void start() {
        repository.start();
    }

    @AfterEach
    void stop() {
        repository.stop();
    }

    @Test
    void isCamelsMemoryRepository() {
        assertThat(repository).isInstanceOf(MemoryIdempotentRepository.class);
    }

    @Test
    void aKeyExpiresAfterTheConfiguredTime() {
        repository.add(KEY);

        nanos.addAndGet(TTL.minusSeconds(1).toNanos());
        assertThat(repository.contains(KEY)).as("a second before its expiry").isTrue();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(repository.contains(KEY)).as("at its expiry").isFalse();
        assertThat(repository.add(KEY)).as("an expired key can be taken again").isTrue();
    }

    @Test
    void clearFreesEveryKey() {
        repository.add(KEY);
        repository.add("woocommerce_shop.example_7");

        repository.clear();

        assertThat(repository.contains(KEY)).isFalse();
        assertThat(repository.contains("woocommerce_shop.example_7")).isFalse();
    }
}
