package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The idempotency cache in real Redis: its keys, its expiry, and the unique index behind it. */
@HubTest
class RedisIdempotencyTest extends HubTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final String KEY = "order_dedup:shopify_acme-outfitters.myshopify.com_5500000000101";

    @Autowired
    StoreCommands storeCommands;

    @Autowired
    MongoDatabase database;

    @BeforeEach
    void forgetCommands() {
        storeCommands.clear();
    }

    @Test
    void dedupKeyCarriesTheOneHourExpiryAndFewBytes() {
        Answer created = hub().post(SHOPIFY.last());
        assertThat(created.status()).isIn(200, 201);

        // The stored order's entry is written off the answer's path: wait for it, then read its expiry.
        String value = cachedEntryFor(created.field("order_id"));
        long ttl = TestRedis.<Long>run(redis -> redis.ttl(KEY));
        assertThat(ttl).isBetween(3500L, 3600L);
        assertThat(value).contains(created.field("order_id"));
        assertThat(value.length() + KEY.length()).as("bytes per key").isLessThan(160);
    }

    /**
     * Partner assignment works the stored order on its own threads (first attempt, retries, the due-order poll)
     * through the same store client; slowed down here so the commands counted are the import's alone.
     */
    @DynamicPropertySource
    static void quietAssignment(DynamicPropertyRegistry registry) {
        registry.add("orderhub.assignment.poll-interval", () -> "1h");
        registry.add("orderhub.assignment.retry-interval", () -> "1h");
    }

    @Test
    void redeliveryIsAnsweredFromRedisWithoutAStoreRoundTrip() throws InterruptedException {
        Answer first = hub().post(SHOPIFY.last());
        awaitQuietStore();

        Answer again = hub().post(SHOPIFY.last());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(first.field("order_id"));
        assertThat(storeCommands.names()).as("commands sent to the store").isEmpty();
    }

    @Test
    void uniqueIndexAloneRefusesADuplicateWhenTheCacheIsEmpty() {
        Answer first = hub().post(SHOPIFY.last());
        cachedEntryFor(first.field("order_id"));
        TestRedis.flush();
        storeCommands.clear();

        Answer again = hub().post(SHOPIFY.last());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(first.field("order_id"));
        assertThat(storeCommands.names()).as("the insert was tried and refused").contains("insert");
        assertThat(database.getCollection("orders").countDocuments()).isEqualTo(1);
        assertThat(cachedEntryFor(first.field("order_id"))).as("the cache learns the order again")
                .contains(first.field("order_id"));
    }

    /** The cache entry of the stored order, once it is there (null after five seconds without it). */
    private static String cachedEntryFor(String orderId) {
        return Poll.until(Duration.ofSeconds(5), () -> TestRedis.<String>run(redis -> redis.get(KEY)),
                value -> value != null && value.contains(orderId));
    }

    /** Waits (up to 10 s) until no command has reached the store for half a second: the order's first assignment attempt is over. */
    private void awaitQuietStore() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            storeCommands.clear();
            Thread.sleep(500);
        } while (!storeCommands.names().isEmpty() && System.currentTimeMillis() < deadline);
        storeCommands.clear();
    }

    /**
     * Records the commands the hub sends to the store on the import's own threads: not the delivery history,
     * written after the answer, nor partner assignment (the driver calls the listener on the sending thread).
     */
    static class StoreCommands implements CommandListener {
        /** Camel names consumer threads after their endpoint: history, order events, assignment queue and poll. */
        private static final java.util.regex.Pattern BACKGROUND = java.util.regex.Pattern.compile("delivery-history|order-events|assignment");
        private final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (!List.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions").contains(event.getCommandName())
                    && !BACKGROUND.matcher(Thread.currentThread().getName()).find()) {
                names.add(event.getCommandName());
            }
        }

        List<String> names() {
            return List.copyOf(names);
        }

        void clear() {
            names.clear();
        }
    }

    @TestConfiguration
    static class StoreCommandsConfiguration {
        @Bean
        StoreCommands storeCommands() {
            return new StoreCommands();
        }
    }
}
