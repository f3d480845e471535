package io.orderhub.store;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of the embedded store whose MVStore maps hold BSON documents ({@link BsonDocumentType}) and
 * typed index keys ({@link IndexKeyType}) instead of H2's Java serialization. Maps written by an earlier
 * version (Java-serialized, without the suffix) are copied into the new form once, when first opened.
 * <p>
 * Map names: {@code databases.<db>.<collection>#bson} (documents), {@code meta.<db>.<collection>} (sizes),
 * {@code <db>.<collection>._index_<name>#keys} (indexes, unique and secondary). The {@code databases.} prefix is how the
 * backend finds the databases of a file when it opens.
 */
final class CompactH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final Logger log = LoggerFactory.getLogger(CompactH2Database.class);
    private static final String DOCUMENTS = "databases.";
    private static final String META = "meta.";
    private static final String BSON = "#bson";
    private static final String KEYS = "#keys";

    private final MVStore mvStore;

    CompactH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.mvStore = mvStore;
        // Reads the namespaces and indexes, which opens their maps: only now that mvStore is set.
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String name = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = open(DOCUMENTS + name, BSON, documents());
        MVMap<String, Object> meta = mvStore.openMap(META + name);
        return new IdOrderedH2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVMap<KeyValue, Object> positions = open(indexMap(collectionName, indexName), KEYS, keys());
        return new KeyedUniqueIndex(positions, indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        // Never kept before (the server ignored such indexes): nothing to convert.
        MVMap<KeyValue, Object> entries = mvStore.openMap(indexMap(collectionName, indexName) + KEYS, keys());
        return new KeyedSecondaryIndex(entries, indexName, keys, sparse);
    }

    private static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE);
    }

    private static MVMap.Builder<KeyValue, Object> keys() {
        return new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
    }

    /** Opens {@code name + suffix} in the compact form, first moving a Java-serialized {@code name} into it. */
    private <K, V> MVMap<K, V> open(String name, String suffix, MVMap.Builder<K, V> compact) {
        MVMap<K, V> map = mvStore.openMap(name + suffix, compact);
        if (mvStore.hasMap(name)) {
            MVMap<K, V> legacy = mvStore.openMap(name);
            log.info("Converting {} ({} entries) of the embedded store to its compact form", name, legacy.sizeAsLong());
            for (Map.Entry<K, V> entry : legacy.entrySet()) {
                map.put(entry.getKey(), entry.getValue());
            }
            mvStore.removeMap(legacy);
        }
        return map;
    }

    private String indexMap(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        mvStore.removeMap(indexMap(collection.getCollectionName(), indexName) + KEYS);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String name = getFullCollectionNamespace(collectionName);
        mvStore.removeMap(DOCUMENTS + name + BSON);
        mvStore.removeMap(META + name);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String map : List.copyOf(mvStore.getMapNames())) {
            if (map.startsWith(databaseName + ".") || map.startsWith(DOCUMENTS + databaseName + ".")
                    || map.startsWith(META + databaseName + ".")) {
                mvStore.removeMap(map);
            }
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newName = getFullCollectionNamespace(newCollectionName);
        mvStore.renameMap(mvStore.openMap(DOCUMENTS + collection.getFullName() + BSON, documents()), DOCUMENTS + newName + BSON);
        mvStore.renameMap(mvStore.openMap(META + collection.getFullName()), META + newName);
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> file = mvStore.getFileStore();
        return file == null ? 0 : file.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
