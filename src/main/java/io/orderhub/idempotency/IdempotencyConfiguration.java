package io.orderhub.idempotency;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.CacheKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** The idempotent consumer's repository: Camel's Redis string repository, or its memory one when embedded. */
    @Bean
    OrderIdempotentRepository orderIdempotentRepository(OrderHubProperties properties,
            ObjectProvider<StringRedisTemplate> redis, MeterRegistry meters) {
        OrderHubProperties.Idempotency settings = properties.idempotency();
        if (settings.cache() == CacheKind.REDIS) {
            OrderHubProperties.Breaker breaker = settings.breaker();
            CircuitBreaker redisBreaker = CircuitBreaker.of("redis-dedup-cache", CircuitBreakerConfig.custom()
                    .failureRateThreshold(breaker.failureRatePercent())
                    .slidingWindowSize(breaker.slidingWindowCalls())
                    .minimumNumberOfCalls(breaker.minimumCalls())
                    .waitDurationInOpenState(breaker.waitInOpen())
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .build());
            return new RedisOrderIdempotentRepository(redis.getObject(), settings.keyPrefix(), settings.ttl(),
                    redisBreaker, meters);
        }
        return new MemoryOrderIdempotentRepository(settings.ttl(), settings.memoryMaxEntries());
    }
}
