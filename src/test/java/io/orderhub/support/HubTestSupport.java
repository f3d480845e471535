package io.orderhub.support;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the tests that drive a {@link HubTest} hub through its HTTP endpoint. */
public abstract class HubTestSupport {

    /** Every thin platform's API, serving the fixtures' {@code api_responses}. */
    protected static final PlatformApiDouble PLATFORM_APIS = PlatformApiDouble.start();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void fixtureStores(DynamicPropertyRegistry registry) {
        FixtureStores.properties(PLATFORM_APIS.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void emptyTestRedis() {
        TestRedis.flush();
        PLATFORM_APIS.failWith(0);
    }

    protected HubClient hub() {
        return new HubClient(port);
    }
}
