package io.orderhub.partner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * What the Partner Service's endpoints do, on plain values: the route hands in the path's {@code partner_id} and the
 * request body's bytes and answers with what comes back (a partner's view, a list, an assignment).
 */
@Component
public record PartnerRequests(PartnerRegistry registry, PartnerAssigner assigner) {

    public Map<String, Object> list() {
        return Map.of("items", registry.all().stream().map(PartnerRequests::view).toList());
    }

    public Map<String, Object> get(String partnerId) {
        return view(registry.find(partnerId)
                .orElseThrow(() -> new Problems.NotFound("No partner with id '" + partnerId + "'.")));
    }

    public Map<String, Object> create(Partner partner) {
        partner = partner.validated();
        registry.insert(partner);
        return view(new PartnerRegistry.Registered(partner, 0));
    }

    public Map<String, Object> replace(String partnerId, Partner partner) {
        if (partner.id() != null && !partner.id().equals(partnerId)) {
            throw new Problems.BadRequest("The body's 'id' differs from the path's.");
        }
        registry.replace(partner.withId(partnerId).validated());
        return get(partnerId);
    }

    public void delete(String partnerId) {
        registry.delete(partnerId);
    }

    /** {@code POST /partners/assign[?partner_id=]} with a universal order; {@code chosen} blank: the best match. */
    public Map<String, Object> assign(JsonNode universal, String chosen) {
        PartnerAssigner.Assignment assignment = chosen == null || chosen.isBlank() ? assigner.assign(universal)
                : assigner.reassign(universal, chosen);
        return Map.of("partner_id", assignment.partnerId(), "reason", assignment.reason());
    }

    /**
     * {@code POST /partners/assign-batch} with {@code {"orders": [universal order, ...]}}: for each order, in order,
     * {@code {"order_id","partner_id","reason"}}, or {@code {"order_id","none_fits"}} where {@code /partners/assign}
     * would answer 409.
     */
    public Map<String, Object> assignAll(JsonNode body) {
        JsonNode orders = body.path("orders");
        if (!orders.isArray() || orders.isEmpty()) {
            throw new Problems.BadRequest("The body needs 'orders', a non-empty array of orders.");
        }
        List<JsonNode> list = new ArrayList<>();
        orders.forEach(list::add);
        List<Map<String, Object>> answers = assigner.assignAll(list).stream().map(answer -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("order_id", answer.orderId());
            if (answer.assigned() != null) {
                item.put("partner_id", answer.assigned().partnerId());
                item.put("reason", answer.assigned().reason());
            } else {
                item.put("none_fits", answer.noneFits());
            }
            return item;
        }).toList();
        return Map.of("answers", answers);
    }

    /** {@code POST /partners/release} with {@code {"order_id"}}. */
    public Map<String, Object> release(JsonNode body) {
        String orderId = body.path("order_id").asText(null);
        if (orderId == null || orderId.isBlank()) {
            throw new Problems.BadRequest("The body needs 'order_id'.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", orderId);
        answer.put("released_from", assigner.release(orderId).orElse(null));
        return answer;
    }

    /** The partner role's sweep: reservation steps a store failure cut short, settled once no call is still on them. */
    public void settleUnfinished(Duration age) {
        assigner.settleStale(age.toMillis());
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
}
