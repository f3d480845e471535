package io.orderhub.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;
import io.orderhub.mongo.IdPages;
import org.bson.Document;

/**
 * A stream of distinct signed orders, half Shopify and half WooCommerce, made from the fixtures, sent by a
 * few concurrent clients the way platforms deliver; and the figures a fault test prints.
 */
public final class ImportStream {

    private static final Fixture SHOPIFY = Fixture.named("s01_orders_create_paid_two_items");
    private static final Fixture WOO = Fixture.named("w01_order_created_processing");

    private ImportStream() {
    }

    /** One order to send: its identity ({platform}_{platform_order_id}) and its signed delivery. */
    public record Order(String key, Fixture.Delivery delivery) {
    }

    /** An answer; status -1 when the hub could not be reached. */
    public record Result(Order order, int status, String outcome, String retryAfter) {

        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    public static List<Order> distinctOrders(int count, long firstId) {
        List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            Fixture fixture = i % 2 == 0 ? SHOPIFY : WOO;
            orders.add(new Order(fixture.platform() + "_" + id, Deliveries.withFields(fixture, body -> body.put("id", id))));
        }
        return orders;
    }

    /** Sends the orders in order with {@code clients} concurrent clients, telling {@code onAnswer} of each answer. */
    public static List<Result> send(HubClient hub, List<Order> orders, int clients, Consumer<Result> onAnswer) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Result>> answers = new ArrayList<>();
            for (Order order : orders) {
                answers.add(pool.submit(() -> {
                    Result result = sendOne(hub, order);
                    onAnswer.accept(result);
                    return result;
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static List<Result> send(HubClient hub, List<Order> orders, int clients) {
        return send(hub, orders, clients, result -> { });
    }

    public static Result sendOne(HubClient hub, Order order) {
        try {
            HubClient.Answer answer = hub.post(order.delivery());
            String outcome = answer.contentType() != null && answer.contentType().contains("json")
                    ? answer.json().path("status").asText(null) : null;
            return new Result(order, answer.status(), outcome, answer.retryAfter());
        } catch (RuntimeException unreachable) {
            return new Result(order, -1, "unreachable", null);
        }
    }

    public static Set<String> keys(Collection<Result> results, Predicate<Result> which) {
        return results.stream().filter(which).map(r -> r.order().key()).collect(Collectors.toSet());
    }

    /** Answers by HTTP status, for messages. */
    public static Map<Integer, Long> statuses(Collection<Result> results) {
        return results.stream().collect(Collectors.groupingBy(Result::status, TreeMap::new, Collectors.counting()));
    }

    /** How many stored documents each order key has, read page by page from {@code GET /orders}. */
    public static Map<String, Integer> storedCounts(HubClient hub) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String platform : List.of(SHOPIFY.platform(), WOO.platform())) {
            String cursor = null;
            do {
                HubClient.Answer page = hub.get("/orders?platform=" + platform + "&limit=500"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                if (page.status() != 200) {
                    throw new IllegalStateException("Listing orders failed: " + page);
                }
                for (JsonNode item : page.json().path("items")) {
                    counts.merge(platform + "_" + item.path("platform_order_id").asText(), 1, Integer::sum);
                }
                cursor = page.json().path("next_cursor").asText(null);
            } while (cursor != null);
        }
        return counts;
    }

    /** How many stored documents each order key has, read from the store itself. */
    public static Map<String, Integer> storedCounts(String storeUri) {
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            Map<String, Integer> counts = new TreeMap<>();
            IdPages.forEach(mongo.getDatabase("orderhub").getCollection("orders"),
                    Projections.include("platform", "platform_order_id"), 5_000,
                    order -> counts.merge(order.getString("platform") + "_" + order.get("platform_order_id"), 1, Integer::sum));
            return counts;
        }
    }

    /** Keys stored more than once. */
    public static long duplicates(Map<String, Integer> stored) {
        return stored.values().stream().filter(n -> n > 1).count();
    }

    /** The line each fault scenario prints, e.g. {@code FAULT redis-down: sent=300 acknowledged=300 …}. */
    public static void report(String scenario, Object... figures) {
        StringBuilder line = new StringBuilder("FAULT ").append(scenario).append(':');
        for (int i = 0; i + 1 < figures.length; i += 2) {
            line.append(' ').append(figures[i]).append('=').append(figures[i + 1]);
        }
        System.out.println(line);
    }
}
