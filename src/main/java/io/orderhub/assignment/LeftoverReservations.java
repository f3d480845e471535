package io.orderhub.assignment;

import java.time.Instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Orders handed to the default partner while the Partner Service did not answer. An assign call that timed out may
 * still have reserved a partner's capacity there, which no order would ever give back; so each such order is
 * remembered here (durably, in {@code partner_release_outbox}) and released once the Partner Service answers again.
 * A release of an order it holds nothing for changes nothing; an order an operator has meanwhile reassigned is left
 * alone, since the Partner Service's reassignment moved whatever it held for it.
 */
@Component
public class LeftoverReservations {

    static final String COLLECTION = "partner_release_outbox";
    private static final Logger log = LoggerFactory.getLogger(LeftoverReservations.class);
    private static final int BATCH = 100;

    private final MongoCollection<Document> outbox;
    private final DeliveryRepository deliveries;
    private final PartnerServiceClient partnerService;
    private final String defaultPartner;

    public LeftoverReservations(MongoDatabase orderhubDatabase, DeliveryRepository deliveries,
            PartnerServiceClient partnerService, AssignmentProperties properties) {
        this.outbox = orderhubDatabase.getCollection(COLLECTION);
        this.deliveries = deliveries;
        this.partnerService = partnerService;
        this.defaultPartner = properties.defaultPartnerId();
    }

    /** Whether the stored order is on the default partner: the case this outbox is for. */
    public boolean onDefaultPartner(Document order) {
        DeliveryState state = DeliveryState.of(order);
        return DeliveryStatus.ASSIGNED.equals(state.status()) && defaultPartner.equals(state.partnerId());
    }

    public void remember(String orderId, Instant at) {
        outbox.replaceOne(Filters.eq("_id", orderId), new Document("_id", orderId).append("at", at.toString()),
                new ReplaceOptions().upsert(true));
    }

    /** One pass over the oldest entries; stops at the first release the Partner Service does not take (next pass). */
    public void settle() {
        for (Document entry : outbox.find().sort(Sorts.ascending("at")).limit(BATCH)) {
            String orderId = entry.getString("_id");
            if (deliveries.find(orderId).filter(this::onDefaultPartner).isPresent()) {
                try {
                    partnerService.release(orderId);
                } catch (RuntimeException e) {
                    log.debug("Leftover reservation of {} not released yet: {}", orderId, e.getMessage());
                    return;
                }
            }
            outbox.deleteOne(Filters.eq("_id", orderId));
        }
    }
}
