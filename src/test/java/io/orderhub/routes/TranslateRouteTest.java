package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderhub.order.ImportResult;
import io.orderhub.order.PreparedOrder;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import io.orderhub.support.ShopifyOrders;
import io.orderhub.platform.Deliveries;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code translate} route alone: a real, signed Shopify delivery comes through the gateway and the Shopify
 * route; the store stage and the dead-letter stage are mocked, so what the mapping decides is seen at their edge.
 */
@HubTest
@UseAdviceWith
class TranslateRouteTest extends AdvisedRouteTestSupport {

    private static final String STORE = "mock:store-order";
    private static final String DEAD_LETTER = "mock:direct:dead-letter";
    private static final String STORE_UID = "acme-outfitters.myshopify.com";

    @Override
    protected void advise() throws Exception {
        advise("translate", route -> {
            route.weaveById("translate-to-store").replace().to(STORE);
            route.mockEndpointsAndSkip("direct:dead-letter");
        });
    }

    @BeforeEach
    void edgesAnswer() {
        mock(STORE).whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(
                ImportResult.created("ord_mocked", Deliveries.idempotencyKey(exchange), java.time.Instant.now())));
        mock(DEAD_LETTER).whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(
                ImportResult.deadLettered("dl_mocked", "mocked dead letter")));
    }

    @Test
    void mappableOrderIsHandedToTheStoreUnderItsIdempotencyKey() {
        long orderId = ShopifyOrders.nextId();

        Answer answer = hub().post(ShopifyOrders.created(orderId));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(mock(STORE).getReceivedExchanges()).singleElement().satisfies(exchange -> {
            PreparedOrder prepared = exchange.getMessage().getBody(PreparedOrder.class);
            assertThat(prepared.idempotencyKey()).isEqualTo("shopify_" + STORE_UID + "_" + orderId);
            assertThat(prepared.order().path("currency").asText()).isEqualTo("USD");
        });
        assertThat(mock(DEAD_LETTER).getReceivedCounter()).isZero();
    }

    @Test
    void orderItsMappingCannotMakeUniversalGoesToTheDeadLetterRoute() {
        Answer answer = hub().post(ShopifyOrders.created(ShopifyOrders.nextId(), body -> body.put("currency", "dollars")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.field("dead_letter_id")).isEqualTo("dl_mocked");
        assertThat(mock(DEAD_LETTER).getReceivedExchanges()).singleElement().satisfies(exchange ->
                assertThat(exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class))
                        .hasMessageContaining("universal schema").hasMessageContaining("/currency"));
        assertThat(mock(STORE).getReceivedCounter()).isZero();
    }
}
