package io.orderhub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.order.OrderEvent;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.HubTestSupport;
import io.orderhub.support.Poll;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Redeliveries, updates, late and early versions and cancellations of one order keep the truth. */
@HubTest
class OrderLifecycleTest extends HubTestSupport {

    @Autowired
    MongoDatabase database;

    @EndpointInject("mock:order-events")
    MockEndpoint events;

    @Test
    void redeliveryOfTheSameEventIsADuplicate() {
        ShopifyVersions order = new ShopifyVersions(7001);
        Answer created = hub().post(order.created("2026-11-20T10:15:32-05:00"));
        Answer again = hub().post(order.created("2026-11-20T10:15:32-05:00"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("order_id")).isEqualTo(created.field("order_id"));
    }

    @Test
    void newerVersionAfterCreateIsAppliedWithWhatChanged() {
        ShopifyVersions order = new ShopifyVersions(7002);
        Answer created = hub().post(order.created("2026-11-20T10:15:32-05:00"));
        Answer updated = hub().post(order.fulfilled("2026-11-20T11:00:00-05:00"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo("updated");
        assertThat(updated.field("order_id")).isEqualTo(created.field("order_id"));
        JsonNode stored = hub().get("/orders/" + created.field("order_id")).json();
        assertThat(stored.path("fulfillment_status").asText()).isEqualTo("fulfilled");
        assertThat(stored.path("updated_at").asText()).isEqualTo("2026-11-20T16:00:00Z");
        assertThat(stored.path("source").path("topic").asText()).isEqualTo("orders/fulfilled");
        JsonNode history = hub().get("/orders/" + created.field("order_id") + "/history").json().path("items");
        assertThat(history.get(1).path("outcome").asText()).isEqualTo("updated");
        assertThat(history.get(1).path("changes").toString()).contains("fulfillment_status").contains("fulfilled");
    }

    @Test
    void updateThatArrivesBeforeItsCreateCreatesTheOrderOnceAndTheCreateIsStale() {
        ShopifyVersions order = new ShopifyVersions(7003);
        Answer early = hub().post(order.fulfilled("2026-11-20T11:00:00-05:00"));
        Answer late = hub().post(order.created("2026-11-20T10:15:32-05:00"));

        assertThat(early.status()).isEqualTo(201);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.field("status")).isEqualTo("stale");
        assertThat(late.field("order_id")).isEqualTo(early.field("order_id"));
        assertThat(hub().get("/orders/" + early.field("order_id")).json().path("fulfillment_status").asText())
                .isEqualTo("fulfilled");
        assertThat(database.getCollection("orders").countDocuments(Filters.eq("idempotency_key", order.key()))).isEqualTo(1);
    }

    @Test
    void olderVersionAfterANewerOneIsStaleAndChangesNothing() {
        ShopifyVersions order = new ShopifyVersions(7004);
        hub().post(order.created("2026-11-20T10:15:32-05:00"));
        Answer newer = hub().post(order.fulfilled("2026-11-20T12:00:00-05:00"));
        Answer older = hub().post(order.at("2026-11-20T11:00:00-05:00", "orders/updated", body -> body.put("note", "old note")));

        assertThat(older.field("status")).isEqualTo("stale");
        JsonNode stored = hub().get("/orders/" + newer.field("order_id")).json();
        assertThat(stored.path("note").asText()).isEqualTo("Leave at the front desk");
        assertThat(stored.path("fulfillment_status").asText()).isEqualTo("fulfilled");
    }

    @Test
    void cancellationSetsCancelledAtAndReasonAndPublishesOrderCancelled() throws Exception {
        ShopifyVersions order = new ShopifyVersions(7005);
        String orderId = hub().post(order.created("2026-11-20T10:15:32-05:00")).field("order_id");

        Answer cancelled = hub().post(order.cancelled("2026-11-20T13:00:00-05:00"));

        assertThat(cancelled.field("status")).isEqualTo("updated");
        JsonNode stored = hub().get("/orders/" + orderId).json();
        assertThat(stored.path("cancelled_at").asText()).isEqualTo("2026-11-20T18:00:00Z");
        assertThat(stored.path("cancel_reason").asText()).isEqualTo("customer");
        assertThat(stored.path("financial_status").asText()).isEqualTo("voided");
        List<String> types = Poll.until(Duration.ofSeconds(5), () -> eventTypesOf(orderId),
                t -> t.containsAll(List.of(OrderEvent.CREATED, OrderEvent.CANCELLED)));
        // Events are wire-tapped after each answer, so their arrival order is not guaranteed.
        assertThat(types).containsExactlyInAnyOrder(OrderEvent.CREATED, OrderEvent.CANCELLED);
    }

    @Test
    void historyOfAnOrderWithFiveDeliveriesShowsFiveEntriesWithTheirOutcomes() {
        ShopifyVersions order = new ShopifyVersions(7006);
        String orderId = hub().post(order.created("2026-11-20T10:15:32-05:00")).field("order_id");
        hub().post(order.created("2026-11-20T10:15:32-05:00"));
        hub().post(order.fulfilled("2026-11-20T11:00:00-05:00"));
        hub().post(order.at("2026-11-20T10:30:00-05:00", "orders/updated", body -> body.put("note", "late")));
        hub().post(order.cancelled("2026-11-20T12:00:00-05:00"));

        List<String> outcomes = Poll.until(Duration.ofSeconds(5), () -> outcomes(orderId), o -> o.size() == 5);
        assertThat(outcomes).containsExactly("created", "duplicate", "updated", "stale", "updated");
        JsonNode raw = hub().get("/orders/" + orderId + "/raw").json().path("items");
        assertThat(raw).hasSize(5);
        assertThat(raw.get(3).path("body").asText()).contains("\"note\":\"late\"");
    }

    /** The order's own events (delivery.changed events of its partner assignment come too, and are not asserted). */
    private List<String> eventTypesOf(String orderId) {
        return events.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(OrderEvent.class))
                .filter(e -> e.orderId().equals(orderId)).map(OrderEvent::type)
                .filter(type -> type.startsWith("order.")).toList();
    }

    private List<String> outcomes(String orderId) {
        JsonNode items = hub().get("/orders/" + orderId + "/history").json().path("items");
        List<String> outcomes = new java.util.ArrayList<>();
        items.forEach(item -> outcomes.add(item.path("outcome").asText()));
        return outcomes;
    }

    @TestConfiguration
    static class EventsConfiguration {
        @Bean
        RouteBuilder orderEventsToMock() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(OrderEvent.ENDPOINT).routeId("test-order-events").to("mock:order-events");
                }
            };
        }
    }
}
