package io.orderhub.deadletter;

import java.time.Clock;

import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.mongo.StoreDurability;
import io.orderhub.ops.Redact;
import io.orderhub.order.ImportResult;
import io.orderhub.order.OrderDocuments;
import io.orderhub.order.OrderEvent;
import io.orderhub.order.TappedCopy;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.StoreRegistry.Store;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds and acknowledges dead letters: the raw delivery, where it came from and why it could not be mapped.
 * Apart from {@code order}, which knows nothing of platforms: a dead letter is the delivery that never became one.
 */
@Component
public record DeadLetters(StoreDurability durability, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Exchange property with the {@link Kept} dead letter, from its document to its answer and event. */
    private static final String KEPT = "orderhubDeadLetter";

    /** A dead letter's id and why the delivery could not be mapped. */
    private record Kept(String id, String reason) {
    }

    public Document document(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof UnmappableOrderException ? failure.getMessage() : String.valueOf(failure);
        String id = "dl_" + new ObjectId().toHexString();
        Store store = Deliveries.store(exchange);
        exchange.setProperty(KEPT, new Kept(id, reason));
        log.warn("Dead-lettered a {} delivery from {} as {}: {}", Deliveries.platform(exchange), store, id,
                Redact.mask(reason));
        return OrderDocuments.deadLetter(id, Deliveries.platform(exchange), store == null ? null : store.storeUid(), reason,
                Deliveries.delivery(exchange));
    }

    public ImportResult acknowledged(Exchange exchange) {
        durability.awaitDurable();
        Kept kept = exchange.getProperty(KEPT, Kept.class);
        return ImportResult.deadLettered(kept.id(), kept.reason());
    }

    /** Wire-tap preparation: the tapped copy carries only the {@code order.dead_lettered} event, whose order id is the dead letter's. */
    public void eventAsBody(Exchange exchange) {
        Store store = Deliveries.store(exchange);
        TappedCopy.keepOnly(exchange, new OrderEvent(OrderEvent.DEAD_LETTERED, exchange.getProperty(KEPT, Kept.class).id(),
                Deliveries.platform(exchange), store == null ? null : store.storeUid(), null, null, null, null, null, null,
                clock.instant()));
    }
}
