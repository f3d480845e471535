package io.orderhub.admin;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.orderhub.order.OrderDocuments;
import io.orderhub.problem.Problems;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/** The operator's view of dead letters: newest first, and one in full with its raw body. */
@Component
public class DeadLetterQueries {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoCollection<Document> deadLetters;

    public DeadLetterQueries(MongoDatabase orderhubDatabase) {
        this.deadLetters = orderhubDatabase.getCollection(OrderDocuments.DEAD_LETTERS);
    }

    public String list(String replayed, int limit) {
        Bson filter = replayed == null || replayed.isBlank() ? new Document()
                : Filters.eq("replayed", Boolean.parseBoolean(replayed));
        List<Document> items = new ArrayList<>();
        for (Document letter : deadLetters.find(filter).projection(Projections.exclude("body", "headers"))
                .sort(Sorts.descending("_id")).limit(limit)) {
            items.add(withId(letter));
        }
        return new Document("items", items).toJson(JSON);
    }

    public String one(String id) {
        Document letter = deadLetters.find(Filters.eq("_id", id)).first();
        if (letter == null) {
            throw new Problems.NotFound("No dead letter with id '" + id + "'.");
        }
        Document shown = withId(letter);
        shown.put("body", new String(letter.get("body", Binary.class).getData(), java.nio.charset.StandardCharsets.UTF_8));
        return shown.toJson(JSON);
    }

    private static Document withId(Document letter) {
        Document shown = new Document("id", letter.get("_id"));
        letter.forEach((name, value) -> {
            if (!"_id".equals(name)) {
                shown.put(name, value);
            }
        });
        return shown;
    }
}
