package io.orderhub.reconcile;

import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hub whose fixture stores have enabled api blocks, one of each platform, all pointed at one {@link OrdersApiDouble}:
 * shared by the test classes of a run, like the platform API double, so it is never closed (tests reset it).
 */
public abstract class ReconcileTestSupport extends HubTestSupport {

    protected static final OrdersApiDouble API = OrdersApiDouble.start();

    @DynamicPropertySource
    static void reconciledStores(DynamicPropertyRegistry registry) {
        ReconcileFixtures.properties(API.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeEach
    void resetApi() {
        API.reset();
    }
}
