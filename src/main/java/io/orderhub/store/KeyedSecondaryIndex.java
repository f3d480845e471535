package io.orderhub.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded store, which the wire server itself leaves out ("secondary index not
 * yet implemented": every query on such fields read every document). Entries are the document's key values
 * followed by its position (its {@code _id}), so equal values of many documents stay apart, sorted by
 * {@link IndexKeyType}.
 * <p>
 * It serves a query that requires the index's first field (among its {@link Conjunction} conditions) to be a
 * string, or one of an {@code $in} of strings (strings are stored as they are; other types the server
 * normalises first): it returns the documents with those values, and the server then applies the whole query to just those. The
 * due-order poll of the assignment is such a query; without this index it read every stored order each time,
 * under the collection's lock.
 */
final class KeyedSecondaryIndex extends Index<Object> {

    private final MVMap<KeyValue, Object> entries;

    KeyedSecondaryIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    private static Object position(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    private Set<KeyValue> entriesOf(Document document) {
        Object position = position(document);
        Set<KeyValue> keys = new LinkedHashSet<>();
        for (KeyValue values : getKeyValues(document)) {
            List<Object> entry = new ArrayList<>(values.size() + 1);
            values.forEach(entry::add);
            entry.add(position);
            keys.add(new KeyValue(entry));
        }
        return keys;
    }

    @Override
    public Object getPosition(Document document) {
        // Not unique: it names no single document. The _id index answers this.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue key : entriesOf(document)) {
            entries.put(key, position);
        }
    }

    @Override
    public Object remove(Document document) {
        Object removed = null;
        for (KeyValue key : entriesOf(document)) {
            Object position = entries.remove(key);
            removed = position == null ? removed : position;
        }
        return removed;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Set<KeyValue> before = entriesOf(oldDocument);
        Set<KeyValue> after = entriesOf(newDocument);
        if (!before.equals(after)) {
            before.forEach(entries::remove);
            after.forEach(key -> entries.put(key, position));
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return !queriedValues(query).isEmpty();
    }

    /** The strings the query requires the first field to equal, or none when it asks anything else of it. */
    private List<String> queriedValues(Document query) {
        Object condition = Conjunction.fieldConditions(query).get(keys().get(0));
        if (condition instanceof String value) {
            return List.of(value);
        }
        if (condition instanceof Document operators && operators.size() == 1
                && operators.get("$in") instanceof Collection<?> values && !values.isEmpty()
                && values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).distinct().toList();
        }
        return List.of();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Set<Object> positions = new LinkedHashSet<>();
        for (String value : queriedValues(query)) {
            // Keys sort by their values in order, and a shorter key before the longer ones it begins: the
            // entries for this value follow the one-value key, until the first value changes.
            Iterator<KeyValue> keys = entries.keyIterator(new KeyValue(value));
            while (keys.hasNext()) {
                KeyValue key = keys.next();
                if (!value.equals(key.get(0))) {
                    break;
                }
                positions.add(key.get(key.size() - 1));
            }
        }
        return positions;
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
