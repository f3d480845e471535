package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderhub.order.OrderEvent;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.ShopifyOrders;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@code dead-letter} route alone: an authentic Shopify order its mapping cannot make universal is kept
 * whole in the embedded store, answered 202 and announced once. Mocks beside the insert and on the event bus
 * record what the route did.
 */
@HubTest
@UseAdviceWith
class DeadLetterRouteTest extends AdvisedRouteTestSupport {

    private static final String STORED = "mock:dead-letter-stored";
    private static final String EVENTS = "mock:order-events";

    @Autowired
    MongoDatabase database;

    @Override
    protected void advise() throws Exception {
        advise("dead-letter", route -> route.weaveById("dead-letter-insert").after().to(STORED));
    }

    @Test
    void unmappableOrderIsKeptWholeWithItsReasonAnswered202AndAnnouncedOnce() throws InterruptedException {
        Fixture.Delivery delivery = ShopifyOrders.created(ShopifyOrders.nextId(), body -> body.put("currency", "dollars"));
        MockEndpoint events = mock(EVENTS);
        events.expectedMessageCount(1);
        events.expectedMessagesMatches(exchange -> OrderEvent.DEAD_LETTERED.equals(
                exchange.getMessage().getBody(OrderEvent.class).type()));

        Answer answer = hub().post(delivery);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        String deadLetterId = answer.field("dead_letter_id");
        assertThat(mock(STORED).getReceivedCounter()).isEqualTo(1);
        Document kept = database.getCollection("dead_letters").find(Filters.eq("_id", deadLetterId)).first();
        assertThat(kept).isNotNull();
        assertThat(kept.getString("platform")).isEqualTo("shopify");
        assertThat(kept.getString("reason")).contains("/currency");
        assertThat(new String(kept.get("body", Binary.class).getData(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(delivery.rawBody());
        events.assertIsSatisfied();
        assertThat(events.getReceivedExchanges().get(0).getMessage().getBody(OrderEvent.class).orderId())
                .isEqualTo(deadLetterId);
    }

    @TestConfiguration
    static class Events {
        @Bean
        RouteBuilder orderEventsToMock() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(OrderEvent.ENDPOINT).routeId("test-order-events").to(EVENTS);
                }
            };
        }
    }
}
