package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

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

        long ttl = TestRedis.<Long>run(redis -> redis.ttl(KEY));
        assertThat(ttl).isBetween(3500L, 3600L);
        String value = TestRedis.<String>run(redis -> redis.get(KEY));
        assertThat(value).contains(created.field("order_id"));
        assertThat(value.length() + KEY.length()).as("bytes per key").isLessThan(160);
    }

    @Test
    void redeliveryIsAnsweredFromRedisWithoutAStoreRoundTrip() {
        Answer first = hub().post(SHOPIFY.last());
        storeCommands.clear();

        Answer again = hub().post(SHOPIFY.last());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(first.field("order_id"));
        assertThat(storeCommands.names()).as("commands sent to the store").isEmpty();
    }

    @Test
    void uniqueIndexAloneRefusesADuplicateWhenTheCacheIsEmpty() {
        Answer first = hub().post(SHOPIFY.last());
        TestRedis.flush();
        storeCommands.clear();

        Answer again = hub().post(SHOPIFY.last());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(first.field("order_id"));
        assertThat(storeCommands.names()).as("the insert was tried and refused").contains("insert");
        assertThat(database.getCollection("orders").countDocuments()).isEqualTo(1);
        String cached = TestRedis.<String>run(redis -> redis.get(KEY));
        assertThat(cached).as("the cache learns the order again").contains(first.field("order_id"));
    }

    /**
     * Records the commands the hub sends to the store while answering a request: the synchronous driver
     * reports a command on the thread that sends it, and requests are served on the {@code http-} pool.
     * Work done after the answer (history, partner assignment) runs on other threads and is not counted.
     */
    static class StoreCommands implements CommandListener {
        private final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (Thread.currentThread().getName().startsWith("http-") && !List.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions").contains(event.getCommandName())) {
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
