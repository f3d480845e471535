package io.orderhub.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.CacheKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The stores' buckets live where the idempotency cache does: in Redis when the hub shares one, else in memory. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    StoreRateLimiter storeRateLimiter(OrderHubProperties properties, ObjectProvider<StringRedisTemplate> redis,
            MeterRegistry meters) {
        OrderHubProperties.Gateway gateway = properties.gateway();
        double rate = gateway.ratePerStorePerSecond();
        if (rate <= 0) {
            return new StoreRateLimiter(store -> 0);
        }
        LocalTokenBuckets local = new LocalTokenBuckets(rate, gateway.rateBurstPerStore());
        if (properties.idempotency().cache() != CacheKind.REDIS) {
            return new StoreRateLimiter(local);
        }
        return new StoreRateLimiter(new RedisTokenBuckets(redis.getObject(), properties.idempotency().keyPrefix(), rate,
                gateway.rateBurstPerStore(), gateway.rateRedisBackoff(), local, meters));
    }
}
