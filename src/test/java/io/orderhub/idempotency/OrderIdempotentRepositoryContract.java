package io.orderhub.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.orderhub.support.Poll;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What the idempotent consumer and the {@code order-store} route rely on, whichever repository the hub runs. */
abstract class OrderIdempotentRepositoryContract {

    static final String KEY = "shopify_acme.myshopify.com_1001";

    /** The repository under test, started. */
    abstract OrderIdempotentRepository repository();

    @Test
    void containsAnswersWhetherTheKeyIsTaken() {
        assertThat(repository().contains(KEY)).as("before add").isFalse();

        assertThat(repository().add(KEY)).isTrue();
        assertThat(repository().contains(KEY)).as("after add").isTrue();

        assertThat(repository().remove(KEY)).isTrue();
        assertThat(repository().contains(KEY)).as("after remove").isFalse();
        assertThat(repository().remove(KEY)).as("removing a free key").isFalse();
    }

    @Test
    void addingATakenKeyAnswersFalseAndLeavesTheStoredEntryForTheRoute() {
        CacheEntry stored = new CacheEntry("ord_1", Instant.ofEpochMilli(1_700_000_000_000L), "digest-1");
        assertThat(repository().add(delivery("digest-1"), KEY)).isTrue();
        repository().remember(KEY, stored);

        // The Redis repository writes a stored order's entry off the caller's thread: ask until it has landed.
        Attempt redelivery = Poll.until(Duration.ofSeconds(5), () -> attempt("digest-1"),
                attempt -> stored.equals(cached(attempt.exchange())));

        assertThat(redelivery.added()).isFalse();
        assertThat(cached(redelivery.exchange())).isEqualTo(stored);
    }

    private record Attempt(boolean added, Exchange exchange) {
    }

    private Attempt attempt(String digest) {
        Exchange exchange = delivery(digest);
        return new Attempt(repository().add(exchange, KEY), exchange);
    }

    @Test
    void aKeyClaimedByADeliveryInFlightIsFoundPendingWithItsDigest() {
        repository().add(delivery("digest-1"), KEY);

        Exchange concurrent = delivery("digest-2");
        assertThat(repository().add(concurrent, KEY)).isFalse();

        assertThat(cached(concurrent)).isEqualTo(CacheEntry.pending("digest-1"));
    }

    @Test
    void aFreeKeyLeavesNothingOnTheExchange() {
        Exchange first = delivery("digest-1");

        assertThat(repository().add(first, KEY)).isTrue();

        assertThat(cached(first)).isNull();
    }

    static Exchange delivery(String digest) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody((OrderIdempotentRepository.Digested) () -> digest);
        return exchange;
    }

    private static CacheEntry cached(Exchange exchange) {
        return exchange.getProperty(OrderIdempotentRepository.CACHED_ENTRY, CacheEntry.class);
    }
}
