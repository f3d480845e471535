package io.orderhub.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link HubTest} hub whose import role reaches the {@link PartnerServiceDouble} instead of its own
 * Partner Service, so tests can make the Partner Service slow, failing or down.
 */
public abstract class PartnerDoubleTestSupport extends HubTestSupport {

    protected static final PartnerServiceDouble PARTNER_SERVICE = PartnerServiceDouble.start();
    protected static final String ADMIN_KEY = "assignment-test-admin-key";
    protected static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_KEY);

    static {
        // The hub's test timings are milliseconds; so are the checks on them.
        org.awaitility.Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(20));
        org.awaitility.Awaitility.setDefaultPollDelay(java.time.Duration.ZERO);
    }

    @DynamicPropertySource
    static void partnerServiceDouble(DynamicPropertyRegistry registry) {
        registry.add("orderhub.partner.base-url", PARTNER_SERVICE::baseUrl);
        registry.add("orderhub.admin.api-key", () -> ADMIN_KEY);
    }

    @BeforeEach
    void partnerServiceAnswersNormally() {
        PARTNER_SERVICE.reset();
    }

    protected String importNewOrder() {
        return ShopifyOrders.importNew(hub(), ShopifyOrders.created(ShopifyOrders.nextId()));
    }

    protected JsonNode delivery(String orderId) {
        return ShopifyOrders.delivery(hub(), orderId);
    }

    protected String status(String orderId) {
        return delivery(orderId).path("status").asText();
    }

    protected static List<String> statuses(JsonNode delivery) {
        return ShopifyOrders.history(delivery);
    }
}
