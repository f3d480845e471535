package io.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which queries the embedded store's indexes serve. Through the wire a served query and a scanned one give the
 * same answer, so this asks the indexes directly: the filters the hub sends (the driver's {@code Filters.and}
 * renders {@code $and}) must be lookups, not scans of every order.
 */
class IndexChoiceTest {

    private final MVStore store = MVStore.open(null);

    @AfterEach
    void close() {
        store.close();
    }

    private MVMap<KeyValue, Object> map(String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
    }

    private static Document order(String id, String status, int version) {
        return new Document("_id", id).append("_digest", "d-" + id)
                .append("delivery", new Document("status", status).append("version", version));
    }

    private static Document and(Document... parts) {
        return new Document("$and", List.of(parts));
    }

    @Test
    void theIdIndexServesAConjunctionThatPinsTheIdWhateverElseItAsks() {
        KeyedUniqueIndex ids = new KeyedUniqueIndex(map("ids"), "_id_", List.of(new IndexKey("_id", true)), false);
        for (int i = 0; i < 5; i++) {
            ids.add(order("ord_" + i, "pending", 1), "ord_" + i, null);
        }
        // A delivery transition, a claim (the poll's rule nested, as the driver renders Filters.and in Filters.and) and
        // the conditional update of an order.
        Document transition = and(new Document("_id", "ord_3"), new Document("delivery.version", 1));
        Document claim = and(new Document("_id", "ord_3"), and(
                new Document("delivery.status", new Document("$in", List.of("pending", "cancelled"))),
                new Document("$or", List.of(new Document("delivery.lease_until_ms", null),
                        new Document("delivery.lease_until_ms", new Document("$lt", 5L))))));
        Document update = and(new Document("_id", "ord_3"), new Document("_digest", "d-ord_3"));
        assertThat(ids.canHandle(transition)).isTrue();
        assertThat(ids.getPositions(transition)).containsExactly("ord_3");
        assertThat(ids.canHandle(claim)).isTrue();
        assertThat(ids.getPositions(claim)).containsExactly("ord_3");
        assertThat(ids.canHandle(update)).isTrue();
        assertThat(ids.canHandle(new Document("_id", "ord_1").append("active", true))).isTrue();
        assertThat(ids.getPositions(and(new Document("_id", "nope"), new Document("x", 1)))).isEmpty();

        // A batch's claim lists its orders: one lookup each, whatever else the query asks.
        Document batch = and(new Document("_id", new Document("$in", List.of("ord_1", "ord_4", "ord_1", "nope"))),
                new Document("delivery.claim", "token"));
        assertThat(ids.canHandle(batch)).isTrue();
        assertThat(ids.getPositions(batch)).containsExactly("ord_1", "ord_4");

        // A range, an $in of conditions or a field the query leaves open is not a lookup.
        assertThat(ids.canHandle(new Document("_id", new Document("$gt", "ord_1")))).isFalse();
        assertThat(ids.canHandle(and(new Document("_id", new Document("$in", List.of(new Document("$gt", "ord_1")))),
                new Document("x", 1)))).isFalse();
        assertThat(ids.canHandle(new Document("delivery.version", 1))).isFalse();
        assertThat(ids.canHandle(new Document("$or", List.of(new Document("_id", "ord_1"), new Document("_id", "ord_2"))))).isFalse();
    }

    @Test
    void aCompoundUniqueIndexNeedsEveryOneOfItsFieldsPinned() {
        KeyedUniqueIndex identity = new KeyedUniqueIndex(map("identity"), "order_identity",
                List.of(new IndexKey("platform", true), new IndexKey("store_uid", true), new IndexKey("platform_order_id", true)), false);
        identity.add(new Document("_id", "ord_1").append("platform", "shopify").append("store_uid", "s")
                .append("platform_order_id", "1001"), "ord_1", null);
        Document lookup = and(new Document("platform", "shopify"), new Document("store_uid", "s"),
                new Document("platform_order_id", "1001"));
        assertThat(identity.canHandle(lookup)).isTrue();
        assertThat(identity.getPositions(lookup)).containsExactly("ord_1");
        assertThat(identity.canHandle(and(new Document("platform", "shopify"), new Document("store_uid", "s")))).isFalse();
    }

    @Test
    void theStatusIndexServesTheDueOrderPoll() {
        KeyedSecondaryIndex status = new KeyedSecondaryIndex(map("status"), "delivery.status_1",
                List.of(new IndexKey("delivery.status", true), new IndexKey("delivery.next_attempt_ms", true)), false);
        status.add(order("ord_1", "pending", 1), "ord_1", null);
        status.add(order("ord_2", "assigned", 2), "ord_2", null);
        status.add(order("ord_3", "cancelled", 2), "ord_3", null);
        status.add(order("ord_4", "delayed", 1), "ord_4", null);
        // The shape of DeliveryRepository's claimable filter: the statuses as a condition of their own.
        Document due = and(new Document("delivery.status", new Document("$in", List.of("pending", "delayed", "cancelled"))),
                new Document("$or", List.of(new Document("delivery.status", new Document("$in", List.of("pending", "delayed"))),
                        new Document("delivery.release_pending", true))),
                new Document("$or", List.of(new Document("delivery.next_attempt_ms", null),
                        new Document("delivery.next_attempt_ms", new Document("$lte", 5L)))));
        assertThat(status.canHandle(due)).isTrue();
        assertThat(status.getPositions(due)).containsExactlyInAnyOrder("ord_1", "ord_3", "ord_4");
        // With the statuses only inside an $or, it cannot narrow the search.
        assertThat(status.canHandle(new Document("$or", List.of(new Document("delivery.status", "pending"))))).isFalse();
    }
}
