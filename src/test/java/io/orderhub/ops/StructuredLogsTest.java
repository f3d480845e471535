package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.support.Deliveries;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The production shape's logs (docker-compose.yml sets {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): one
 * JSON object a line, each line of a delivery carrying the platform's delivery id as {@code correlation_id},
 * and no customer's e-mail, phone or street line in the clear even where a refusal quotes what the client sent.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class StructuredLogsTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    // The fixture customer's own data (s01: contact_email, shipping_address.phone and address1).
    private static final String EMAIL = "ada@example.com";
    private static final String PHONE = "+1 613-555-0142";
    private static final String STREET = "150 Elgin St";

    @Test
    void eachLineOfADeliveryIsJsonWithItsCorrelationIdAndNoCustomerDataInTheClear(CapturedOutput output) {
        assertThat(hub().post(SHOPIFY.last()).status()).isEqualTo(201);
        assertThat(hub().post(Deliveries.withHeaders(Deliveries.withFields(SHOPIFY, body -> body.putNull("id")),
                Map.of("X-Shopify-Webhook-Id", "wh-dead-letter-1"))).status()).isEqualTo(202);
        // A client that quotes customer data where it does not belong: the refusal's detail repeats it.
        assertThat(hub().post(Deliveries.withHeaders(SHOPIFY.last(), Map.of("X-Shopify-Webhook-Id", "wh-refused-1",
                "Content-Type", "text/plain; email=" + EMAIL + "; phone=" + PHONE + "; street=" + STREET))).status())
                .isEqualTo(415);

        JsonNode refused = Poll.until(java.time.Duration.ofSeconds(5), () -> line(output, "wh-refused-1"), l -> l != null);
        JsonNode deadLettered = Poll.until(java.time.Duration.ofSeconds(5), () -> line(output, "wh-dead-letter-1"),
                l -> l != null);

        assertThat(deadLettered.path("message").asText()).startsWith("Dead-lettered a shopify delivery");
        assertThat(deadLettered.path("log").path("level").asText()).isEqualTo("WARN");
        String message = refused.path("message").asText();
        assertThat(message).startsWith("Refused with 415")
                .contains("a***@example.com", "***0142", "***street")
                .doesNotContain(EMAIL, "613-555", STREET);
        assertThat(output.getOut()).as("any log line, any delivery")
                .doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain(STREET);
    }

    /** The JSON log line whose correlation id is the given delivery id, or null while there is none. */
    private static JsonNode line(CapturedOutput output, String correlationId) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : output.getOut().split("\\R")) {
            if (text.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(text));
                } catch (java.io.IOException e) {
                    throw new AssertionError("Not a JSON log line: " + text, e);
                }
            }
        }
        return lines.stream().filter(l -> correlationId.equals(l.path("correlation_id").asText())).findFirst().orElse(null);
    }
}
