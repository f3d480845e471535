package io.orderhub.assignment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.orderhub.config.OrderHubProperties;
import io.orderhub.partner.PartnerAssigner;
import io.orderhub.partner.PartnerProperties;
import io.orderhub.partner.PartnerServiceKey;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The import role's client of the Partner Service. Over HTTP when the service is elsewhere
 * ({@code orderhub.partner.base-url}): one JDK {@link HttpClient} for the process, which keeps HTTP/1.1
 * connections alive and pools them per host, so steady assignment traffic does not pay a TCP handshake per
 * order. When this process runs the partner role itself and no base URL is set (the embedded default), the
 * same calls go straight to its {@link PartnerAssigner}: a request to itself over loopback HTTP took about a
 * tenth of the hub's CPU in a profile under load (client threads, Tomcat, JSON both ways) and changed nothing
 * of the outcome.
 */
@Component
public class PartnerServiceClient {

    private final HttpClient http;
    private final PartnerProperties partner;
    private final PartnerServiceKey key;
    private final Duration callTimeout;
    private final Environment environment;
    private final ObjectMapper json;
    /** The partner role of this process, when the calls stay in it; else null. */
    private final PartnerAssigner local;

    public PartnerServiceClient(PartnerProperties partner, AssignmentProperties assignment, PartnerServiceKey key,
            Environment environment, ObjectMapper json, OrderHubProperties hub, PartnerAssigner assigner) {
        this.local = hub.roles().contains("partner") && (partner.baseUrl() == null || partner.baseUrl().isBlank())
                ? assigner : null;
        this.partner = partner;
        this.key = key;
        this.callTimeout = assignment.breaker().callTimeout();
        this.environment = environment;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(partner.connectTimeout())
                .build();
    }

    /** {@code POST /partners/assign}: a partner, or none that fits; anything else throws (the breaker counts it). */
    public AttemptOutcome assign(AssignmentTask task) {
        if (local != null) {
            try {
                PartnerAssigner.Assignment assignment = local.assign(json.valueToTree(requestOrder(task.order())));
                return AttemptOutcome.assigned(assignment.partnerId(), assignment.reason());
            } catch (Problems.Conflict noneFits) {
                return AttemptOutcome.noneFits(noneFits.detail());
            }
        }
        HttpResponse<String> response = post("/partners/assign", requestOrder(task.order()));
        return switch (response.statusCode()) {
            case 200 -> {
                JsonNode body = parse(response.body());
                yield AttemptOutcome.assigned(body.path("partner_id").asText(), body.path("reason").asText(""));
            }
            case 409 -> AttemptOutcome.noneFits(parse(response.body()).path("detail").asText("No partner fits"));
            default -> throw unexpected(response);
        };
    }

    /**
     * {@code POST /partners/assign-batch}: each task's outcome, in the tasks' order. A Partner Service without the
     * batch endpoint (404: an older one, during a rolling upgrade) is asked one order at a time.
     */
    public List<AttemptOutcome> assignAll(List<AssignmentTask> tasks) {
        List<Document> orders = tasks.stream().map(task -> requestOrder(task.order())).toList();
        List<PartnerAssigner.BatchAnswer> answers;
        if (local != null) {
            answers = local.assignAll(orders.stream().map(order -> (JsonNode) json.valueToTree(order)).toList());
            return answers.stream().map(PartnerServiceClient::outcome).toList();
        }
        HttpResponse<String> response = post("/partners/assign-batch", Map.of("orders", orders));
        if (response.statusCode() == 404) {
            return tasks.stream().map(this::assign).toList();
        }
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode items = parse(response.body()).path("answers");
        if (!items.isArray() || items.size() != tasks.size()) {
            throw new PartnerServiceException("The Partner Service answered " + items.size() + " outcomes for "
                    + tasks.size() + " orders", null);
        }
        List<AttemptOutcome> outcomes = new ArrayList<>();
        items.forEach(item -> outcomes.add(item.hasNonNull("partner_id")
                ? AttemptOutcome.assigned(item.path("partner_id").asText(), item.path("reason").asText(""))
                : AttemptOutcome.noneFits(item.path("none_fits").asText("No partner fits"))));
        return outcomes;
    }

    private static AttemptOutcome outcome(PartnerAssigner.BatchAnswer answer) {
        return answer.assigned() != null ? AttemptOutcome.assigned(answer.assigned().partnerId(), answer.assigned().reason())
                : AttemptOutcome.noneFits(answer.noneFits());
    }

    /** The breaker's fallback for a batch: every order of it had the Partner Service unavailable. */
    public List<AttemptOutcome> unavailableAll(Exchange exchange) {
        AttemptOutcome outcome = unavailable(exchange);
        List<?> tasks = exchange.getProperty(Assignments.TASKS, List.class);
        return Collections.nCopies(tasks == null ? 0 : tasks.size(), outcome);
    }

    /** The circuit breaker's fallback: the call failed, timed out or was not made because the circuit is open. */
    public AttemptOutcome unavailable(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof CallNotPermittedException) {
            return AttemptOutcome.unavailable("Partner Service unavailable (circuit open)");
        }
        return AttemptOutcome.unavailable("Partner Service unavailable: " + (cause == null ? "no answer" : describe(cause)));
    }

    /** An operator's choice of partner; refusals come back as the problem the Partner Service gave. */
    public String reassign(Document order, String partnerId) {
        if (local != null) {
            return local.reassign(json.valueToTree(requestOrder(order)), partnerId).partnerId();
        }
        HttpResponse<String> response = post("/partners/assign?partner_id=" + URLEncoder.encode(partnerId, StandardCharsets.UTF_8),
                requestOrder(order));
        JsonNode body = parse(response.body());
        return switch (response.statusCode()) {
            case 200 -> body.path("partner_id").asText();
            case 404 -> throw new Problems.NotFound(body.path("detail").asText("No such partner"));
            case 409 -> throw new Problems.Conflict(body.path("detail").asText("The partner cannot take the order"));
            default -> throw unexpected(response);
        };
    }

    /** {@code POST /partners/release}: idempotent, so a retry after a lost answer releases nothing twice. */
    public void release(String orderId) {
        if (local != null) {
            local.release(orderId);
            return;
        }
        HttpResponse<String> response = post("/partners/release", Map.of("order_id", orderId));
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
    }

    private HttpResponse<String> post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(callTimeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", key.authorizationHeader())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PartnerServiceException("Partner Service at " + baseUrl() + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerServiceException("Interrupted while calling the Partner Service", e);
        }
    }

    /** What the Partner Service needs of an order: the universal fields, with the hub's id as {@code id}. */
    private static Document requestOrder(Document stored) {
        Document order = new Document("id", stored.get("_id"));
        for (String field : new String[] {"platform", "store_uid", "order_number", "currency", "totals", "shipping_address"}) {
            order.put(field, stored.get(field));
        }
        return order;
    }

    private String baseUrl() {
        String configured = partner.baseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        // The embedded default calls itself, on whatever port the server got.
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new PartnerServiceException("The Partner Service answered something that is not JSON", e);
        }
    }

    private static PartnerServiceException unexpected(HttpResponse<String> response) {
        return new PartnerServiceException("Partner Service answered " + response.statusCode() + " to "
                + response.request().uri().getPath(), null);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
