package io.orderhub.mongo;

import java.util.HashSet;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** Indexes an earlier version created and this one no longer keeps: dropped at start, so no write pays for them. */
public final class RetiredIndexes {

    private RetiredIndexes() {
    }

    public static void drop(MongoCollection<Document> collection, String... names) {
        Set<String> present = new HashSet<>();
        collection.listIndexes().forEach(index -> present.add(index.getString("name")));
        for (String name : names) {
            if (present.contains(name)) {
                collection.dropIndex(name);
            }
        }
    }
}
