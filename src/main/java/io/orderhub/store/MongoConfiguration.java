package io.orderhub.store;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.event.CommandListener;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.mongo.StoreDurability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One MongoDB client for the whole hub, named {@code orderhubMongo} for the camel-mongodb endpoints.
 * With {@code orderhub.store.uri} it is a real MongoDB (a replica set in production); without it the
 * embedded store is started and the same client talks to it over the wire. This is the only class outside
 * the store that knows it exists: the rest of the hub sees the client and {@link StoreDurability}.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStoreHolder embeddedStore(OrderHubProperties properties) {
        OrderHubProperties.Store store = properties.store();
        if (store.uri() != null && !store.uri().isBlank()) {
            return new EmbeddedStoreHolder(null);
        }
        return new EmbeddedStoreHolder(EmbeddedMongoStore.start(properties.dataDir(), store.embeddedPort()));
    }

    @Bean(name = "orderhubMongo", destroyMethod = "close")
    MongoClient orderhubMongo(OrderHubProperties properties, EmbeddedStoreHolder embedded,
            ObjectProvider<CommandListener> commandListeners) {
        String uri = embedded.store() != null ? embedded.store().connectionString() : properties.store().uri();
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        commandListeners.orderedStream().forEach(settings::addCommandListener);
        OrderHubProperties.Store store = properties.store();
        settings.applyConnectionString(new ConnectionString(uri))
                // A dead store must fail a request fast, so it can be queued (or refused) while the platform waits.
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        store.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) store.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) store.socketTimeout().toMillis(), TimeUnit.MILLISECONDS))
                // An acknowledged order must survive the loss of the primary: majority and journaled.
                .writeConcern(embedded.store() != null ? WriteConcern.ACKNOWLEDGED : WriteConcern.MAJORITY.withJournal(true));
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase orderhubDatabase(MongoClient orderhubMongo, OrderHubProperties properties) {
        return orderhubMongo.getDatabase(properties.store().database());
    }

    @Bean
    StoreDurability storeDurability(EmbeddedStoreHolder embedded) {
        return embedded.store() != null ? embedded.store()::awaitDurable : StoreDurability.WRITE_CONCERN;
    }

    /** Keeps the optional embedded store as a bean so it is closed after the client that uses it. */
    public record EmbeddedStoreHolder(EmbeddedMongoStore store) implements AutoCloseable {
        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
