package io.orderhub.support;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the tests that drive a {@link HubTest} hub through its HTTP endpoint. */
public abstract class HubTestSupport {

    protected static final BigCommerceApiDouble BIGCOMMERCE = BigCommerceApiDouble.start();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void fixtureStores(DynamicPropertyRegistry registry) {
        FixtureStores.properties(BIGCOMMERCE.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void emptyTestRedis() {
        TestRedis.flush();
        BIGCOMMERCE.failWith(0);
    }

    protected HubClient hub() {
        return new HubClient(port);
    }
}
