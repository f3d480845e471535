package io.orderhub.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.orderhub.order.OrderRepository;
import io.orderhub.problem.Problems;
import io.orderhub.security.TrackingTokens;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The customer's view of one order: its number and its delivery block, for the holder of the order's
 * signed tracking link only. The token is checked before the store is read, so a wrong link learns
 * nothing, not even whether the order exists.
 */
@Component
public class TrackingStatus {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final OrderRepository orders;
    private final TrackingTokens tokens;
    private final String page;

    public TrackingStatus(OrderRepository orders, TrackingTokens tokens) {
        this.orders = orders;
        this.tokens = tokens;
        this.page = classpathText("static/track.html");
    }

    /** The static tracking page; it reads the order and the token from its own address. */
    public String page() {
        return page;
    }

    /** The order's delivery as its customer may see it, with the order's tracking {@code token}. */
    public String status(String orderId, String token) {
        if (!tokens.isValid(orderId, token)) {
            throw new Problems.Unauthenticated("This tracking link is not valid for order '" + orderId + "'.");
        }
        Document order = orders.findPublic(orderId)
                .orElseThrow(() -> new Problems.NotFound("No order with id '" + orderId + "'."));
        Document status = new Document("order_id", orderId);
        status.put("order_number", order.get("order_number"));
        status.put("platform", order.get("platform"));
        status.put("placed_at", order.get("created_at"));
        status.put("delivery", order.get("delivery"));
        return status.toJson(JSON);
    }

    private static String classpathText(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The tracking page " + path + " is missing from the jar", e);
        }
    }
}
