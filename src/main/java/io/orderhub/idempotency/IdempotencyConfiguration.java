package io.orderhub.idempotency;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.config.OrderHubProperties.CacheKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    DedupCache dedupCache(OrderHubProperties properties, ObjectProvider<StringRedisTemplate> redis) {
        OrderHubProperties.Idempotency settings = properties.idempotency();
        if (settings.cache() == CacheKind.REDIS) {
            return new RedisDedupCache(redis.getObject(), settings.keyPrefix(), settings.ttl());
        }
        return new InMemoryDedupCache(settings.ttl(), settings.memoryMaxEntries());
    }

    @Bean
    OrderIdempotentRepository orderIdempotentRepository(DedupCache dedupCache) {
        return new OrderIdempotentRepository(dedupCache);
    }
}
