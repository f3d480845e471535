package io.orderhub.order;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.mongo.GroupCommitInserts;
import io.orderhub.mongo.StoreDurability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The group commit for new orders, on the collection whose unique index the repository has made sure of. */
@Configuration(proxyBeanMethods = false)
class OrderStoreConfiguration {

    @Bean(destroyMethod = "close")
    GroupCommitInserts orderInserts(OrderRepository repository, StoreDurability durability, OrderHubProperties properties) {
        OrderHubProperties.GroupCommit settings = properties.store().groupCommit();
        return new GroupCommitInserts(repository.collection(), durability, settings.maxBatch(), settings.linger(),
                settings.writers());
    }
}
