package io.orderhub.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.security.TrackingTokens;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.PartnerDoubleTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The seed's timeline with the Partner Service finding no partner (409), in milliseconds: assigning, then
 * delayed with a choice, the customer's answers, background, and a partner found in the end.
 */
@HubTest
@TestPropertySource(properties = {
        "orderhub.assignment.initial-search=300ms",
        "orderhub.assignment.extended-search=300ms",
        "orderhub.assignment.retry-interval=30ms",
        "orderhub.assignment.decision-timeout=3s",
        "orderhub.assignment.background.initial-backoff=30ms",
        "orderhub.assignment.background.max-backoff=200ms",
        "orderhub.assignment.poll-interval=30ms",
        "orderhub.assignment.lease=2s"})
class DeliveryTimelineTest extends PartnerDoubleTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TrackingTokens tokens;

    @Test
    void partnerFoundAtOnceIsAssigned() {
        PARTNER_SERVICE.assignEveryOrderTo("fast-couriers");
        String orderId = importNewOrder();

        await().atMost(WAIT).until(() -> "assigned".equals(status(orderId)));
        JsonNode delivery = delivery(orderId);
        assertThat(delivery.path("partner_id").asText()).isEqualTo("fast-couriers");
        assertThat(delivery.path("choice_offered").isNull()).isTrue();
        assertThat(statuses(delivery)).containsExactly("pending", "assigning", "assigned");
        assertThat(PARTNER_SERVICE.assignCalls(orderId)).isEqualTo(1);
    }

    @Test
    void noPartnerForTheInitialSearchOffersWaitOrCancel() {
        String orderId = importNewOrder();

        await().atMost(WAIT).until(() -> "delayed".equals(status(orderId)));
        JsonNode delivery = delivery(orderId);
        assertThat(texts(delivery.path("choice_offered"))).containsExactly("wait", "cancel");
        assertThat(delivery.path("history").get(2).path("detail").asText()).contains("Taking longer than usual");
        assertThat(PARTNER_SERVICE.assignCalls(orderId)).isGreaterThan(1);
    }

    @Test
    void customerWhoWaitsThenChoosesBackgroundIsNotifiedWhenAPartnerIsFound() {
        String orderId = importNewOrder();
        await().atMost(WAIT).until(() -> "delayed".equals(status(orderId)));

        Answer waited = decide(orderId, "wait");
        assertThat(waited.status()).isEqualTo(200);
        assertThat(waited.field("status")).isEqualTo("extended_search");
        assertThat(waited.json().path("choice_offered").isNull()).isTrue();

        await().atMost(WAIT).until(() -> texts(delivery(orderId).path("choice_offered")).contains("background"));
        assertThat(texts(delivery(orderId).path("choice_offered"))).containsExactly("background", "cancel");

        assertThat(decide(orderId, "background").field("status")).isEqualTo("background");
        PARTNER_SERVICE.assign(orderId, "late-partner");

        await().atMost(WAIT).until(() -> "assigned".equals(status(orderId)));
        JsonNode delivery = delivery(orderId);
        assertThat(delivery.path("partner_id").asText()).isEqualTo("late-partner");
        assertThat(statuses(delivery)).containsExactly("pending", "assigning", "delayed", "extended_search", "delayed",
                "background", "assigned");
        assertThat(delivery.path("history").get(6).path("detail").asText()).contains("found in background");
    }

    @Test
    void customerWhoCancelsStopsTheSearchAndReleasesCapacity() {
        String orderId = importNewOrder();
        await().atMost(WAIT).until(() -> "delayed".equals(status(orderId)));

        Answer cancelled = decide(orderId, "cancel");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.field("status")).isEqualTo("cancelled");
        await().atMost(WAIT).until(() -> PARTNER_SERVICE.releases().contains(orderId));
        int callsAfterCancel = PARTNER_SERVICE.assignCalls(orderId);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> PARTNER_SERVICE.assignCalls(orderId) == callsAfterCancel);
        assertThat(status(orderId)).isEqualTo("cancelled");
    }

    @Test
    void customerWhoNeverAnswersIsMovedToBackground() {
        String orderId = importNewOrder();

        await().atMost(WAIT).until(() -> "background".equals(status(orderId)));

        JsonNode delivery = delivery(orderId);
        assertThat(statuses(delivery)).containsExactly("pending", "assigning", "delayed", "background");
        assertThat(delivery.path("history").get(3).path("detail").asText()).contains("No answer from the customer");
    }

    @Test
    void choiceThatIsNotOfferedNowIsAConflict() {
        String orderId = importNewOrder();
        Answer tooEarly = decide(orderId, "wait");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.contentType()).startsWith("application/problem+json");

        await().atMost(WAIT).until(() -> "delayed".equals(status(orderId)));
        assertThat(decide(orderId, "background").status()).isEqualTo(409);
        assertThat(decide(orderId, "wait").status()).isEqualTo(200);
        assertThat(decide(orderId, "wait").status()).isEqualTo(409);
    }

    @Test
    void decisionNeedsTheOrdersTrackingTokenOrTheOperatorKey() {
        String orderId = importNewOrder();
        await().atMost(WAIT).until(() -> "delayed".equals(status(orderId)));

        String body = "{\"choice\":\"wait\"}";
        assertThat(hub().request("POST", "/orders/" + orderId + "/decision", Map.of(), body).status()).isEqualTo(401);
        assertThat(hub().request("POST", "/orders/" + orderId + "/decision?token=" + tokens.tokenFor("ord_other"), Map.of(), body)
                .status()).isEqualTo(401);
        assertThat(hub().request("POST", "/orders/" + orderId + "/decision", ADMIN, body).status()).isEqualTo(200);
    }

    private Answer decide(String orderId, String choice) {
        return hub().request("POST", "/orders/" + orderId + "/decision?token=" + tokens.tokenFor(orderId), Map.of(),
                "{\"choice\":\"" + choice + "\"}");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
