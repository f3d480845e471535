package io.orderhub.dashboard;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.config.OrderHubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The dashboard role's state, clients and fan-out. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("dashboard")
class DashboardConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DashboardConfiguration.class);

    @Bean
    DashboardState dashboardState(DashboardProperties properties, Clock clock, MongoDatabase orderhubDatabase) {
        long started = System.nanoTime();
        DashboardState state = new DashboardState(properties.snapshotSize(), clock).rebuild(orderhubDatabase);
        log.info("Dashboard state rebuilt from {} stored orders in {} ms", state.orders(),
                (System.nanoTime() - started) / 1_000_000);
        return state;
    }

    @Bean
    DashboardSockets dashboardSockets(DashboardState state, DashboardStores stores, DashboardCredentials credentials,
            ObjectMapper json, ProducerTemplate producer, DashboardProperties properties,
            io.micrometer.core.instrument.MeterRegistry meters) {
        return new DashboardSockets(state, stores, credentials, json, producer, properties, meters);
    }

    @Bean
    DashboardSocketErrors dashboardSocketErrors(CamelContext camel) {
        return new DashboardSocketErrors(camel);
    }

    @Bean
    DashboardResync dashboardResync(DashboardSockets sockets, MongoDatabase orderhubDatabase,
            DashboardProperties properties, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        return new DashboardResync(sockets, orderhubDatabase, properties, clock, meters);
    }

    @Bean
    DashboardFanOut dashboardFanOut(DashboardSockets sockets, ObjectMapper json, DashboardProperties properties,
            OrderHubProperties hub, ObjectProvider<StringRedisTemplate> redis) {
        return new DashboardFanOut(sockets, json, viaRedis(properties, hub) ? redis.getObject() : null,
                properties.channel());
    }

    /** Only where Redis fans out; elsewhere no subscription (a null bean). Spring starts and stops it. */
    @Bean
    DashboardSubscription dashboardRedisSubscription(DashboardFanOut fanOut, DashboardProperties properties,
            ObjectProvider<RedisConnectionFactory> connections) {
        if (!fanOut.viaRedis()) {
            return null;
        }
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections.getObject());
        // One thread, in the order received: the container's default runs each message on a thread of its own, so
        // a delivery change could overtake its order's creation and a browser would count that order as seen.
        ExecutorService inOrder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "dashboard-fan-in");
            thread.setDaemon(true);
            return thread;
        });
        container.setTaskExecutor(inOrder::execute);
        container.addMessageListener(fanOut, new ChannelTopic(fanOut.channel()));
        container.afterPropertiesSet();
        return new DashboardSubscription(container, inOrder, fanOut.channel(), properties.subscribeRetry());
    }

    static boolean viaRedis(DashboardProperties properties, OrderHubProperties hub) {
        return switch (properties.fanOut()) {
            case REDIS -> true;
            case LOCAL -> false;
            case AUTO -> hub.idempotency().cache() == OrderHubProperties.CacheKind.REDIS;
        };
    }
}
