package io.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.orderhub.order.ImportResult;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.PlatformRecognizer;
import io.orderhub.support.Fixture;
import io.orderhub.support.HubClient.Answer;
import io.orderhub.support.HubTest;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code import-gateway} route alone: its checks and its content-based router. The platform routes are
 * mocked, so a delivery is seen arriving at its platform's endpoint and every refusal is the gateway's own.
 */
@HubTest
@UseAdviceWith
class GatewayRouteTest extends AdvisedRouteTestSupport {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture WOOCOMMERCE = Fixture.named("w01_order_created_processing");

    @Autowired
    List<PlatformRecognizer> platforms;

    @Override
    protected void advise() throws Exception {
        advise("import-gateway", route -> route.mockEndpointsAndSkip("direct:platform-*"));
    }

    @BeforeEach
    void platformRoutesAnswerIgnored() {
        platforms.forEach(platform -> platformRoute(platform.platform()).whenAnyExchangeReceived(
                exchange -> exchange.getMessage().setBody(ImportResult.ignored("mocked " + platform.platform() + " route"))));
    }

    @Test
    void shopifyDeliveryIsRoutedToTheShopifyRouteByItsHeaders() {
        Answer answer = hub().post(SHOPIFY.last());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(platformRoute("shopify").getReceivedExchanges()).singleElement()
                .satisfies(exchange -> assertThat(Deliveries.platform(exchange)).isEqualTo("shopify"));
        assertThat(deliveriesRoutedToAnyPlatform()).isEqualTo(1);
    }

    @Test
    void deliveryThatNamesItsPlatformIsRoutedThere() {
        Map<String, String> headers = new java.util.HashMap<>(WOOCOMMERCE.last().headers());
        headers.put("X-OrderHub-Platform", "WooCommerce");

        Answer answer = hub().post("/import-orders", headers, WOOCOMMERCE.last().rawBody().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(platformRoute("woocommerce").getReceivedCounter()).isEqualTo(1);
        assertThat(deliveriesRoutedToAnyPlatform()).isEqualTo(1);
    }

    @Test
    void contentTypeNoPlatformSendsIsRefusedByTheGatewayItself() {
        Answer answer = hub().post("/import-orders", Map.of("Content-Type", "application/xml"),
                "<order/>".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(deliveriesRoutedToAnyPlatform()).isZero();
    }

    @Test
    void bodyOverTheSizeLimitIsRefusedByTheGatewayItself() {
        byte[] body = new byte[1_048_577];
        java.util.Arrays.fill(body, (byte) ' ');

        Answer answer = hub().post("/import-orders", SHOPIFY.last().headers(), body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(deliveriesRoutedToAnyPlatform()).isZero();
    }

    @Test
    void deliveryNoPlatformRecognisesIsRefusedByTheGatewayItself() {
        Answer answer = hub().post("/import-orders", Map.of("Content-Type", "application/json"),
                "{\"id\": 1}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).contains("No supported platform");
        assertThat(deliveriesRoutedToAnyPlatform()).isZero();
    }

    private MockEndpoint platformRoute(String platform) {
        return mock("mock:direct:platform-" + platform);
    }

    private int deliveriesRoutedToAnyPlatform() {
        return platforms.stream().mapToInt(platform -> platformRoute(platform.platform()).getReceivedCounter()).sum();
    }
}
