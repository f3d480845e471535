package io.orderhub.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.support.ExpectedOrder;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture goes through the real endpoint, platform by platform in file-name order against one hub
 * (fixtures README), and must get its expected answer and store every expected field.
 */
@HubTest
class FixtureImportTest extends HubTestSupport {

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsItsExpectedAnswerAndOrder() {
        return Fixture.all().stream().map(fixture -> DynamicTest.dynamicTest(fixture + ": " + fixture.expectedStatus(),
                () -> importAndCheck(fixture)));
    }

    private void importAndCheck(Fixture fixture) {
        HubClient hub = hub();
        Answer answer = null;
        for (Fixture.Delivery delivery : fixture.deliveries()) {
            PLATFORM_APIS.serve(fixture, delivery.apiResponses());
            answer = hub.post(delivery);
        }
        assertThat(answer.status()).as("HTTP status of %s: %s", fixture, answer).isEqualTo(fixture.expectedStatus());
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("status").asInt()).isEqualTo(answer.status());
            assertThat(answer.json().path("detail").asText()).isNotBlank();
            return;
        }
        assertThat(answer.field("status")).as("outcome of %s", fixture).isEqualTo(fixture.expectedOutcome());
        JsonNode expectedOrder = fixture.expected().get("order");
        if (expectedOrder != null) {
            Answer stored = hub.get("/orders/" + answer.field("order_id"));
            assertThat(stored.status()).isEqualTo(200);
            List<String> mismatches = ExpectedOrder.mismatches(expectedOrder, stored.json());
            assertThat(mismatches).as("stored order of %s", fixture).isEmpty();
            assertThat(stored.json().path("id").asText()).isEqualTo(answer.field("order_id"));
        }
    }
}
