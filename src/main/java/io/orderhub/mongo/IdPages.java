package io.orderhub.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads a whole collection in pages by {@code _id}, in id order. One cursor over every document would have a
 * store without a query planner, like the embedded one, hold them all in memory at once; a page starts where
 * the last one ended ({@code _id > last}), which a real MongoDB and the embedded store both serve from _id.
 */
public final class IdPages {

    private IdPages() {
    }

    /** Each document (with {@code projection}'s fields and its {@code _id}, a string) to {@code each}, in id order. */
    public static void forEach(MongoCollection<Document> collection, Bson projection, int pageSize, Consumer<Document> each) {
        String after = null;
        List<Document> page;
        do {
            page = collection.find(after == null ? new Document() : Filters.gt("_id", after)).projection(projection)
                    .sort(Sorts.ascending("_id")).limit(pageSize).into(new ArrayList<>(pageSize));
            page.forEach(each);
            after = page.isEmpty() ? after : page.get(page.size() - 1).getString("_id");
        } while (page.size() == pageSize);
    }
}
