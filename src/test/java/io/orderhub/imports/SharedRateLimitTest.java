package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.gateway.LocalTokenBuckets;
import io.orderhub.gateway.RedisTokenBuckets;
import io.orderhub.gateway.StoreRateLimiter;
import io.orderhub.problem.Problems;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * With Redis, a store's bucket is the whole hub's: what this hub admits over HTTP and what a second instance's
 * limiter admits for the same store come out of one budget.
 */
@HubTest
@TestPropertySource(properties = {"orderhub.gateway.rate-per-store-per-second=5", "orderhub.gateway.rate-burst-per-store=5",
        "orderhub.idempotency.key-prefix=" + SharedRateLimitTest.PREFIX})
class SharedRateLimitTest extends HubTestSupport {

    static final String PREFIX = "shared-rate-test:";
    private static final double RATE = 5;
    private static final int BURST = 5;
    private static final Fixture WOO = Fixture.named("w01_order_created_processing");
    private static final String PLATFORM = "woocommerce";
    private static final String STORE = "shop.example.com";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesTogetherAdmitNoMoreThanOneStoresBudget() {
        StoreRateLimiter otherInstance = new StoreRateLimiter(new RedisTokenBuckets(redis, PREFIX, RATE, BURST,
                Duration.ofSeconds(1), new LocalTokenBuckets(RATE, BURST), new SimpleMeterRegistry()));
        int admittedOverHttp = 0;
        int admittedByOther = 0;
        Answer lastRefusal = null;

        long start = System.nanoTime();
        // Each side alone sends more than the store's budget: with a bucket per instance each would get all of it.
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 2; j++) {
                try {
                    otherInstance.admit(PLATFORM, STORE);
                    admittedByOther++;
                } catch (Problems.RateLimited refused) {
                    // the shared bucket is empty
                }
            }
            int id = 9300 + i;
            Answer answer = hub().post(Deliveries.withFields(WOO, body -> body.put("id", id)));
            if (answer.status() == 429) {
                lastRefusal = answer;
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                admittedOverHttp++;
            }
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(admittedOverHttp + admittedByOther).as("admitted by both in %.2f s (hub %d, other %d)",
                elapsedSeconds, admittedOverHttp, admittedByOther).isLessThanOrEqualTo((int) (BURST + RATE * elapsedSeconds) + 1);
        assertThat(admittedOverHttp).as("the hub admitted some").isPositive();
        assertThat(admittedByOther).as("the other instance admitted some").isPositive();
        assertThat(lastRefusal).as("a 429 once the shared bucket was empty").isNotNull();
        assertThat(lastRefusal.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(lastRefusal.retryAfter())).isBetween(1, 2);
        assertThat(meters.find(RedisTokenBuckets.FALLBACKS).counter().count()).as("hub calls without Redis").isZero();
    }

    @Test
    void aStoresBucketExpiresOnceItWouldBeFullAgain() {
        // A slow refill, so the expiry read back is the one the script set, however slow this machine is.
        StoreRateLimiter slow = new StoreRateLimiter(new RedisTokenBuckets(redis, PREFIX, 0.01, BURST,
                Duration.ofSeconds(1), new LocalTokenBuckets(0.01, BURST), new SimpleMeterRegistry()));

        slow.admit(PLATFORM, "idle.example.com");

        long ttlMillis = TestRedis.<Long>run(commands -> commands.pttl(PREFIX + "rate:" + PLATFORM + "_idle.example.com"));
        // Burst 5 at 0.01 a second: full again after 500 s, when a missing bucket and a full one are the same.
        assertThat(ttlMillis).isBetween(490_000L, 501_000L);
    }
}
