package io.orderhub.dashboard;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderhub.security.TrackingTokens;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEST-ONLY STAND-IN for {@code POST /orders/{order_id}/decision} (CONTRACT.md, "Partners and delivery"),
 * which issue 4 is building in parallel. It lets the browser test click "wait" on the tracking page before
 * that endpoint exists. Delete this class, and its import in {@link DashboardBrowserTest}, once issue 4 has
 * landed: then the real endpoint answers, and two routes on one path would refuse to start.
 */
@TestConfiguration(proxyBeanMethods = false)
class DecisionEndpointStandIn {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** Puts an order where the customer is offered a choice, as assignment would after its first search failed. */
    static void offerChoice(MongoDatabase database, String orderId) {
        Instant now = Instant.now();
        database.getCollection("orders").updateOne(Filters.eq("_id", orderId), Updates.combine(
                Updates.set("delivery.status", "delayed"),
                Updates.set("delivery.choice_offered", List.of("wait", "cancel")),
                Updates.push("delivery.history", new Document("status", "delayed").append("at", now.toString())
                        .append("detail", "No partner available nearby"))));
    }

    @Bean
    RouteBuilder decisionStandInRoute(MongoDatabase orderhubDatabase, TrackingTokens tokens, ObjectMapper json) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/orders/{order_id}/decision?httpMethodRestrict=POST").routeId("test-decision-stand-in")
                        .process(exchange -> decide(exchange, orderhubDatabase, tokens, json));
            }
        };
    }

    private static void decide(Exchange exchange, MongoDatabase database, TrackingTokens tokens, ObjectMapper json)
            throws Exception {
        String orderId = exchange.getMessage().getHeader("order_id", String.class);
        String token = exchange.getMessage().getHeader("token", String.class);
        JsonNode body = json.readTree(exchange.getMessage().getBody(String.class));
        exchange.getMessage().getHeaders().clear();
        if (!tokens.isValid(orderId, token)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            exchange.getMessage().setBody("");
            return;
        }
        if (!"wait".equals(body.path("choice").asText())) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 409);
            exchange.getMessage().setBody("");
            return;
        }
        database.getCollection("orders").updateOne(Filters.eq("_id", orderId), Updates.combine(
                Updates.set("delivery.status", "extended_search"),
                Updates.set("delivery.choice_offered", null),
                Updates.push("delivery.history", new Document("status", "extended_search")
                        .append("at", Instant.now().toString()).append("detail", "The customer chose to wait"))));
        Document delivery = database.getCollection("orders").find(Filters.eq("_id", orderId)).first().get("delivery",
                Document.class);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(delivery.toJson(JSON));
    }
}
