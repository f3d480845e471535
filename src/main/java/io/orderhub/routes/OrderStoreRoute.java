package io.orderhub.routes;

import io.orderhub.config.ConditionalOnRole;
import io.orderhub.idempotency.OrderIdempotentRepository;
import io.orderhub.order.OrderEvent;
import io.orderhub.order.OrderImporter;
import io.orderhub.translate.OrderTranslator;
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

    private static final String HISTORY = "seda:delivery-history?size=10000&blockWhenFull=false";

    private final OrderIdempotentRepository idempotentRepository;
    private final OrderImporter importer;

    public OrderStoreRoute(OrderIdempotentRepository idempotentRepository, OrderImporter importer) {
        this.idempotentRepository = idempotentRepository;
        this.importer = importer;
    }

    @Override
    protected void stages() {
        from("direct:store-order").routeId("order-store")
                .idempotentConsumer(exchangeProperty(OrderTranslator.IDEMPOTENCY_KEY), idempotentRepository)
                        .eager(true).skipDuplicate(false).removeOnFailure(true)
                    .choice()
                        .when(importer::isCachedDuplicate)
                            .setBody(importer::duplicateFromCache)
                        .when(importer::isCachedOtherVersion)
                            .setBody(importer::resolveAgainstStored)
                        .otherwise()
                            .to("direct:insert-order")
                    .end()
                    // Inside the idempotent block: Camel ends a duplicate's route with that block.
                    .to("direct:after-store")
                .end();

        // Only once the answer is decided, and off its path (wire taps), do other roles hear about the change
        // and is a delivery that changed nothing kept in the order's history.
        from("direct:after-store").routeId("order-after-store")
                .to("direct:publish-order-event")
                .to("direct:keep-delivery");

        from("direct:publish-order-event").routeId("publish-order-event")
                .filter(exchangeProperty(OrderImporter.EVENT).isNotNull())
                .wireTap(OrderEvent.ENDPOINT).onPrepare(OrderImporter::eventAsBody);

        from("direct:keep-delivery").routeId("keep-delivery")
                .filter(exchangeProperty(OrderImporter.KEPT_DELIVERY).isNotNull())
                .wireTap(HISTORY).onPrepare(OrderImporter::keptDeliveryAsBody);

        from(HISTORY).routeId("delivery-history")
                .bean(importer, "appendToHistory");

        // Concurrent inserts share one insertMany and one sync (group commit); a refused one is another version.
        from("direct:insert-order").routeId("order-insert")
                .setBody(importer::insertNew);
    }
}
