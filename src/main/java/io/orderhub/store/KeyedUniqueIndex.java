package io.orderhub.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the embedded store: an MVMap from {@link IndexKeyType} keys to document positions. It serves
 * any query that pins each of its fields to one plain value among its {@link Conjunction} conditions, not only
 * a query of exactly its fields (the wire server's rule): {@code {_id: x, "delivery.version": 3}} is a lookup by
 * {@code _id}, the rest is checked on the one document found. A one-field index also serves its field listed with
 * {@code $in} among the conditions: one lookup per listed value.
 */
final class KeyedUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> positions;

    KeyedUniqueIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return super.canHandle(query) || pinned(query) != null || listed(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        Document pinned = pinned(query);
        if (pinned != null) {
            return super.getPositions(pinned);
        }
        // One lookup per listed value: a batch's claim or outcomes read the few orders it names, not every order.
        String field = keys().get(0);
        Set<Object> found = new LinkedHashSet<>();
        for (Object value : listed(query)) {
            super.getPositions(new Document(field, value)).forEach(found::add);
        }
        return found;
    }

    /** The index's fields with the plain values the query requires of them, or null if it leaves one open. */
    private Document pinned(Document query) {
        Map<String, Object> conditions = Conjunction.fieldConditions(query);
        Document pinned = new Document();
        for (String field : keys()) {
            Object value = conditions.get(field);
            if (value == null || value instanceof Document || value instanceof Collection
                    || BsonRegularExpression.isRegularExpression(value)) {
                return null;
            }
            pinned.put(field, value);
        }
        return pinned;
    }

    /** The plain values a one-field index's field is listed among ({@code $in}) in the query's conditions, or null. */
    private Collection<?> listed(Document query) {
        if (keys().size() != 1 || !(Conjunction.fieldConditions(query).get(keys().get(0)) instanceof Document condition)
                || condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> values)) {
            return null;
        }
        for (Object value : values) {
            if (value == null || value instanceof Document || value instanceof Collection
                    || BsonRegularExpression.isRegularExpression(value)) {
                return null;
            }
        }
        return values;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
