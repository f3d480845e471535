package io.orderhub.partner;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.gateway.HttpResponses;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The HTTP side of the Partner Service: reads the request, calls the registry or the assigner, answers JSON. */
@Component
public class PartnerRequests {

    private final PartnerRegistry registry;
    private final PartnerAssigner assigner;
    private final HttpResponses responses;
    private final ObjectMapper json;

    public PartnerRequests(PartnerRegistry registry, PartnerAssigner assigner, HttpResponses responses, ObjectMapper json) {
        this.registry = registry;
        this.assigner = assigner;
        this.responses = responses;
        this.json = json;
    }

    public void list(Exchange exchange) {
        responses.json(exchange, 200, Map.of("items", registry.all().stream().map(PartnerRequests::view).toList()));
    }

    public void get(Exchange exchange) {
        responses.json(exchange, 200, view(registry.find(partnerId(exchange))
                .orElseThrow(() -> new Problems.NotFound("No partner with id '" + partnerId(exchange) + "'."))));
    }

    public void create(Exchange exchange) {
        Partner partner = body(exchange, Partner.class).validated();
        registry.insert(partner);
        responses.json(exchange, 201, view(new PartnerRegistry.Registered(partner, 0)));
    }

    public void replace(Exchange exchange) {
        String id = partnerId(exchange);
        Partner partner = body(exchange, Partner.class);
        if (partner.id() != null && !partner.id().equals(id)) {
            throw new Problems.BadRequest("The body's 'id' differs from the path's.");
        }
        registry.replace(partner.withId(id).validated());
        get(exchange);
    }

    public void delete(Exchange exchange) {
        registry.delete(partnerId(exchange));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    /** {@code POST /partners/assign[?partner_id=]} with a universal order. */
    public void assign(Exchange exchange) {
        JsonNode order = body(exchange, JsonNode.class);
        String chosen = exchange.getMessage().getHeader("partner_id", String.class);
        PartnerAssigner.Assignment assignment = chosen == null || chosen.isBlank() ? assigner.assign(order)
                : assigner.reassign(order, chosen);
        responses.json(exchange, 200, Map.of("partner_id", assignment.partnerId(), "reason", assignment.reason()));
    }

    /** {@code POST /partners/release} with {@code {"order_id"}}. */
    public void release(Exchange exchange) {
        String orderId = body(exchange, JsonNode.class).path("order_id").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new Problems.BadRequest("The body needs 'order_id'.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", orderId);
        answer.put("released_from", assigner.release(orderId).orElse(null));
        responses.json(exchange, 200, answer);
    }

    private static Map<String, Object> view(PartnerRegistry.Registered registered) {
        Map<String, Object> view = new LinkedHashMap<>();
        Partner p = registered.partner();
        view.put("id", p.id());
        view.put("name", p.name());
        view.put("active", p.active());
        view.put("capacity", p.capacity());
        view.put("active_orders", registered.activeOrders());
        view.put("priority", p.priority());
        view.put("cost", p.cost());
        view.put("zones", p.zones());
        view.put("rules", p.rules());
        return view;
    }

    private static String partnerId(Exchange exchange) {
        return exchange.getMessage().getHeader("partner_id", String.class);
    }

    private <T> T body(Exchange exchange, Class<T> type) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            throw new Problems.BadRequest("The request needs a JSON body.");
        }
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new Problems.MalformedPayload("The body is not the expected JSON: " + e.getMessage());
        }
    }
}
