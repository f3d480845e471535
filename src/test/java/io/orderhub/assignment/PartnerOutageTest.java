package io.orderhub.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.PartnerDoubleTestSupport;
import io.orderhub.support.ShopifyOrders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The Partner Service slow, failing or down: the import never waits for it, the circuit breaker opens and
 * closes again, and an outage longer than the configured time sends orders to the default partner for review.
 */
@HubTest
@TestPropertySource(properties = {
        "orderhub.assignment.retry-interval=30ms",
        "orderhub.assignment.poll-interval=30ms",
        "orderhub.assignment.lease=2s",
        "orderhub.assignment.breaker.call-timeout=300ms",
        "orderhub.partner.connect-timeout=200ms",
        "orderhub.assignment.breaker.sliding-window-size=4",
        "orderhub.assignment.breaker.minimum-calls=2",
        "orderhub.assignment.breaker.failure-rate-threshold=50",
        "orderhub.assignment.breaker.open-wait=200ms",
        "orderhub.assignment.extended-outage=1500ms",
        "orderhub.assignment.default-partner-id=standby-courier"})
class PartnerOutageTest extends PartnerDoubleTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    PartnerServiceBreaker breaker;

    @MockitoSpyBean
    PartnerServiceClient client;

    @BeforeEach
    void circuitClosed() {
        breaker.circuitBreaker().reset();
    }

    @AfterEach
    void partnerServiceBack() {
        PARTNER_SERVICE.reset();
    }

    @Test
    void importIsAnsweredWhileThePartnerServiceHangsAndAssignmentRunsOnAnotherThread() {
        List<String> assigningThreads = new CopyOnWriteArrayList<>();
        // A new order's first call is its batch's (assignAll); later attempts call for the order alone (assign).
        doAnswer(call -> {
            assigningThreads.add(Thread.currentThread().getName());
            return call.callRealMethod();
        }).when(client).assignAll(any());
        doAnswer(call -> {
            assigningThreads.add(Thread.currentThread().getName());
            return call.callRealMethod();
        }).when(client).assign(any());
        PARTNER_SERVICE.hangUntilUnhung();

        Answer answer = hub().post(ShopifyOrders.created(ShopifyOrders.nextId()));

        assertThat(answer.status()).isEqualTo(201);
        String orderId = answer.field("order_id");
        await().atMost(WAIT).until(() -> PARTNER_SERVICE.assignCalls(orderId) >= 1 && !assigningThreads.isEmpty());
        assertThat(status(orderId)).isNotEqualTo("assigned");
        // The import was answered on one of the hub's request threads (the "http-" pool); the assignment
        // ran on a thread of its own, still waiting for the Partner Service.
        assertThat(assigningThreads).isNotEmpty().noneMatch(name -> name.startsWith("http-") || name.contains("-exec-"));
        // ... a thread of the breaker's own pool: left to itself Camel would start a new thread for every call.
        assertThat(assigningThreads).allMatch(name -> name.contains("partner-call"), "a thread of the partner-call pool");
    }

    @Test
    void breakerOpensWhileThePartnerServiceFailsAndClosesWhenItRecovers() {
        PARTNER_SERVICE.failWith(503);
        String orderId = importNewOrder();

        await().atMost(WAIT).until(() -> breaker.state() == CircuitBreaker.State.OPEN);
        await().atMost(WAIT).until(() -> history(orderId).contains("assigning"));
        int callsWhileOpen = PARTNER_SERVICE.requests();
        PARTNER_SERVICE.reset();
        PARTNER_SERVICE.assignEveryOrderTo("fast-couriers");

        await().atMost(WAIT).until(() -> "assigned".equals(status(orderId)));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(PARTNER_SERVICE.requests()).isGreaterThan(callsWhileOpen);
        JsonNode delivery = delivery(orderId);
        assertThat(delivery.path("partner_id").asText()).isEqualTo("fast-couriers");
        assertThat(delivery.path("needs_review").asBoolean()).isFalse();
    }

    @Test
    void openCircuitSpendsNoCallsOnTheFailingService() {
        PARTNER_SERVICE.failWith(503);
        importNewOrder();
        await().atMost(WAIT).until(() -> breaker.state() == CircuitBreaker.State.OPEN);

        long notPermitted = breaker.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls();
        await().atMost(WAIT).until(() -> breaker.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls() > notPermitted);
    }

    @Test
    void extendedOutageAssignsTheDefaultPartnerForAnOperatorToReassign() {
        PARTNER_SERVICE.failWith(503);
        String orderId = importNewOrder();

        await().atMost(WAIT).until(() -> "assigned".equals(status(orderId)));
        JsonNode delivery = delivery(orderId);
        assertThat(delivery.path("partner_id").asText()).isEqualTo("standby-courier");
        assertThat(delivery.path("needs_review").asBoolean()).isTrue();
        assertThat(breaker.state()).isNotEqualTo(CircuitBreaker.State.CLOSED);

        String body = "{\"partner_id\":\"capital-bikes\"}";
        assertThat(hub().request("POST", "/orders/" + orderId + "/reassign", Map.of(), body).status()).isEqualTo(401);
        Answer whileDown = hub().request("POST", "/orders/" + orderId + "/reassign", ADMIN, body);
        assertThat(whileDown.status()).isEqualTo(503);

        PARTNER_SERVICE.reset();
        Answer reassigned = hub().request("POST", "/orders/" + orderId + "/reassign", ADMIN, body);
        assertThat(reassigned.status()).isEqualTo(200);
        assertThat(reassigned.field("partner_id")).isEqualTo("capital-bikes");
        assertThat(reassigned.json().path("needs_review").asBoolean()).isFalse();
        assertThat(delivery(orderId).path("partner_id").asText()).isEqualTo("capital-bikes");
        assertThat(history(orderId)).endsWith("assigned", "assigned");
    }

    @Test
    void anOrderLeftOnTheDefaultPartnerGivesBackWhatALostAnswerReservedOnceTheServiceAnswersAgain() {
        PARTNER_SERVICE.failWith(503);
        String orderId = importNewOrder();
        await().atMost(WAIT).until(() -> "assigned".equals(status(orderId)));
        assertThat(delivery(orderId).path("partner_id").asText()).isEqualTo("standby-courier");

        PARTNER_SERVICE.reset();

        // The failed calls may have reserved a partner all the same: the hub releases the order there, once.
        await().atMost(WAIT).until(() -> PARTNER_SERVICE.releases().contains(orderId));
        assertThat(delivery(orderId).path("partner_id").asText()).as("the order stays on the default partner")
                .isEqualTo("standby-courier");
    }

    private List<String> history(String orderId) {
        return statuses(delivery(orderId));
    }
}
