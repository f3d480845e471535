package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.idempotency.OrderIdempotentRepository;
import io.orderhub.order.OrderEvent;
import io.orderhub.order.OrderImporter;
import io.orderhub.platform.Deliveries;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * The idempotent consumer and the store. The cache claims the key {platform}_{store_uid}_{platform_order_id};
 * a redelivery of content it knows is answered from the cache alone. Everything else meets the store's
 * unique index, which has the final word: a second insert for one key is refused there and becomes a
 * duplicate, an update or a stale version.
 */
@Component
@ConditionalOnRole("import")
public class OrderStoreRoute extends ImportStageRouteBuilder {

    /** The translated order's key, straight from the import context (no expression language on the hot path). */
    private static final Expression IDEMPOTENCY_KEY = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            return Deliveries.idempotencyKey(exchange);
        }
    };
    private static final String HISTORY = "seda:delivery-history?size=10000&blockWhenFull=false";

    private final OrderIdempotentRepository idempotentRepository;
    private final OrderImporter importer;

    public OrderStoreRoute(OrderIdempotentRepository idempotentRepository, OrderImporter importer) {
        this.idempotentRepository = idempotentRepository;
        this.importer = importer;
    }

    @Override
    protected void stages() {
        RouteNodes.consumer("store-in", from("direct:store-order")).routeId("order-store")
                .idempotentConsumer(IDEMPOTENCY_KEY, idempotentRepository)
                        .eager(true).skipDuplicate(false).removeOnFailure(true).id("idempotent-consumer")
                        .description("claims {platform}_{store_uid}_{platform_order_id} in the idempotency cache")
                    .choice().id("store-cache-decides")
                        .when(NamedPredicate.named("cached: same content", importer::isCachedDuplicate))
                                .id("store-when-cached-duplicate")
                            .setBody(importer::duplicateFromCache).id("store-duplicate-from-cache")
                                .description("200 duplicate, no store round trip")
                        .when(NamedPredicate.named("cached: other version", importer::isCachedOtherVersion))
                                .id("store-when-cached-other-version")
                            .setBody(importer::resolveAgainstStored).id("store-resolve-against-stored")
                                .description("compared with the stored order: stale, duplicate or updated")
                        .otherwise().id("store-when-not-cached")
                            .to("direct:insert-order").id("store-to-insert")
                    .end()
                    // Inside the idempotent block: Camel ends a duplicate's route with that block.
                    .to("direct:after-store").id("store-to-after-store")
                .end();

        // Only once the answer is decided, and off its path (wire taps), do other roles hear about the change
        // and is a delivery that changed nothing kept in the order's history.
        RouteNodes.consumer("after-store-in", from("direct:after-store")).routeId("order-after-store")
                .to("direct:publish-order-event").id("after-store-to-publish")
                .to("direct:keep-delivery").id("after-store-to-keep-delivery");

        RouteNodes.consumer("publish-order-event-in", from("direct:publish-order-event")).routeId("publish-order-event")
                .filter(exchangeProperty(OrderImporter.EVENT).isNotNull()).id("publish-when-order-changed")
                .wireTap(OrderEvent.ENDPOINT).onPrepare(OrderImporter::eventAsBody).id("publish-order-event-tap");

        RouteNodes.consumer("keep-delivery-in", from("direct:keep-delivery")).routeId("keep-delivery")
                .filter(exchangeProperty(OrderImporter.KEPT_DELIVERY).isNotNull()).id("keep-when-nothing-changed")
                .wireTap(HISTORY).onPrepare(OrderImporter::keptDeliveryAsBody).id("keep-delivery-tap");

        RouteNodes.consumer("delivery-history-in", from(HISTORY)).routeId("delivery-history")
                .bean(importer, "appendToHistory").id("history-append");

        // Concurrent inserts share one insertMany and one sync (group commit); a refused one is another version.
        RouteNodes.consumer("insert-in", from("direct:insert-order")).routeId("order-insert")
                .setBody(importer::insertNew).id("store-insert")
                    .description("group commit (one insertMany); the unique index refuses a second order");
    }
}
