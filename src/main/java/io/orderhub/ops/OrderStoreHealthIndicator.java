package io.orderhub.ops;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The order store answers a ping: MongoDB, or the embedded MongoDB-wire store. A failing store is
 * reported DEGRADED here; whether the hub can still accept orders is the {@code acceptance} indicator's
 * call, and only that one takes the hub DOWN.
 */
@Component("orderStore")
class OrderStoreHealthIndicator implements HealthIndicator {

    private final MongoDatabase database;

    OrderStoreHealthIndicator(MongoDatabase orderhubDatabase) {
        this.database = orderhubDatabase;
    }

    @Override
    public Health health() {
        return check();
    }

    boolean isUp() {
        return Status.UP.equals(check().getStatus());
    }

    private Health check() {
        try {
            database.runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", database.getName()).build();
        } catch (MongoException e) {
            return Health.status(OpsHealth.DEGRADED).withDetail("database", database.getName()).withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
