package io.orderhub.dashboard;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.orderhub.order.OrderDocuments;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

/** What the page reads besides the live feed: the latest dead letters, without their bodies and headers. */
@Component
public class DashboardQueries {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int DEAD_LETTERS = 50;

    private final MongoDatabase database;

    public DashboardQueries(MongoDatabase orderhubDatabase) {
        this.database = orderhubDatabase;
    }

    public String deadLetters() {
        List<Document> items = new ArrayList<>();
        for (Document letter : database.getCollection(OrderDocuments.DEAD_LETTERS).find()
                .projection(Projections.include("platform", "store_uid", "reason", "received_at", "replayed"))
                .sort(Sorts.descending("_id")).limit(DEAD_LETTERS)) {
            Document item = new Document("id", letter.get("_id"));
            letter.forEach((name, value) -> {
                if (!"_id".equals(name)) {
                    item.put(name, value);
                }
            });
            items.add(item);
        }
        return new Document("items", items).toJson(JSON);
    }
}
