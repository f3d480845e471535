package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.order.ImportResult;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.OrderIdentity;
import io.orderhub.platform.PlatformRecognizer;
import io.orderhub.platform.bigcommerce.BigCommerceEvents;
import io.orderhub.platform.bigcommerce.BigCommerceHydrator;
import org.apache.camel.Exchange;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * BigCommerce's translator. Its webhooks are thin ({@code data.id} only) and unsigned: the hub asks for a
 * shared secret in {@code X-OrderHub-Webhook-Secret}, set when the webhook is created, and hydrates each
 * order event from the V2 API before mapping (mappings/bigcommerce.jslt).
 */
@Component
@ConditionalOnRole("import")
@Order(30)
public class BigCommerceRoute extends ImportStageRouteBuilder implements PlatformRecognizer {

    private static final Set<String> ORDER_SCOPES = Set.of("store/order/created", "store/order/updated",
            "store/order/statusUpdated", "store/order/refund/created");

    /** The thin event's {@code data.id}: the V2 order id, a JSON integer. */
    private static final OrderIdentity ORDER_ID = OrderIdentity.positiveLong("/data/id");

    private final DeliverySteps steps;
    private final BigCommerceEvents events;
    private final BigCommerceHydrator hydrator;

    public BigCommerceRoute(DeliverySteps steps, BigCommerceEvents events, BigCommerceHydrator hydrator) {
        this.steps = steps;
        this.events = events;
        this.hydrator = hydrator;
    }

    @Override
    public String platform() {
        return "bigcommerce";
    }

    @Override
    public boolean readsBody() {
        return true;
    }

    @Override
    public boolean recognises(InboundDelivery delivery) {
        return delivery.header(BigCommerceEvents.SECRET_HEADER) != null || events.looksLikeEvent(delivery);
    }

    @Override
    protected void stages() {
        from(endpointUri()).routeId("platform-bigcommerce")
                .process(steps::requireJson)
                .process(events::authenticate)
                .process(steps::admit)
                .choice()
                    .when(this::isOrderScope)
                        .process(this::requireOrderIdentity)
                        .setBody(hydrator::hydrate)
                        .to("direct:translate")
                    .otherwise()
                        .setBody(this::ignoredScope)
                .end();
    }

    /** Before hydration: an impossible id never becomes a call to the store's API. */
    private void requireOrderIdentity(Exchange exchange) {
        steps.requireOrderIdentity(exchange, ORDER_ID, BigCommerceEvents.event(exchange));
    }

    private boolean isOrderScope(Exchange exchange) {
        return steps.isOrderTopic(exchange, ORDER_SCOPES, scope(exchange));
    }

    private ImportResult ignoredScope(Exchange exchange) {
        return ImportResult.ignored("BigCommerce scope '" + scope(exchange) + "' is not an order scope");
    }

    private static String scope(Exchange exchange) {
        JsonNode event = BigCommerceEvents.event(exchange);
        return event.path("scope").asText(null);
    }
}
