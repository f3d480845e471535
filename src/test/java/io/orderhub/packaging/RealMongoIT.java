package io.orderhub.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.orderhub.support.PlatformApiDouble;
import io.orderhub.support.ExpectedOrder;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;

/**
 * The same hub against a real MongoDB replica set (the `mongo` image), where a Docker engine exists. On
 * machines without one (ours: no Docker engine, no MongoDB package) it says so and is skipped; the
 * embedded MongoDB-wire store stands in everywhere else.
 */
class RealMongoIT {

    private static MongoDBContainer mongo;
    private static PlatformApiDouble platformApis;
    private static HubProcess hub;

    @BeforeAll
    static void startRealMongo() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.out.println("RealMongoIT SKIPPED: no Docker engine here, so no real MongoDB; "
                    + "the suite runs the fixtures against the mongo:7.0 image wherever Docker is available.");
        }
        Assumptions.assumeTrue(docker, "No Docker engine: the real-MongoDB suite is skipped");
        mongo = new MongoDBContainer("mongo:7.0");
        mongo.start();
        TestRedis.flush();
        platformApis = PlatformApiDouble.start();
        hub = HubProcess.start(mongo.getReplicaSetUrl("orderhub"), platformApis.baseUrl(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (platformApis != null) {
            platformApis.close();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }

    @Test
    void everyFixtureImportsAgainstARealReplicaSet() {
        HubClient client = hub.client();
        for (Fixture fixture : Fixture.all()) {
            Answer answer = null;
            for (Fixture.Delivery delivery : fixture.deliveries()) {
                answer = client.post(delivery);
            }
            assertThat(answer.status()).as("%s: %s", fixture, answer).isEqualTo(fixture.expectedStatus());
            if (fixture.expected().has("order")) {
                Answer stored = client.get("/orders/" + answer.field("order_id"));
                List<String> mismatches = ExpectedOrder.mismatches(fixture.expected().get("order"), stored.json());
                assertThat(mismatches).as("%s", fixture).isEmpty();
            }
        }
    }
}
