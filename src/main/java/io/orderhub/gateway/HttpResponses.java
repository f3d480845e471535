package io.orderhub.gateway;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.ops.ImportMetrics;
import io.orderhub.ops.Redact;
import io.orderhub.problem.ProblemException;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Writes every HTTP answer of the hub's routes: results as JSON, refusals as RFC 9457 problem+json. The
 * request's headers are dropped first, so nothing a platform sent (its secret header included) is echoed.
 */
@Component
public record HttpResponses(ObjectMapper json, ImportMetrics metrics) {

    private static final Logger log = LoggerFactory.getLogger(HttpResponses.class);
    private static final String PROBLEM_BASE = "https://orderhub.io/problems/";
    private static final int STORE_RETRY_AFTER_SECONDS = 5;

    private static final String IMPORT_ROUTE = "import-gateway";

    public void importResult(Exchange exchange) {
        ImportAnswer result = exchange.getMessage().getBody(ImportAnswer.class);
        countImport(exchange, result.status(), null);
        write(exchange, result.httpStatus(), ContentTypes.JSON, result.body());
    }

    public void json(Exchange exchange, int status, Object body) {
        write(exchange, status, ContentTypes.JSON, body);
    }

    public void jsonText(Exchange exchange, int status, String body) {
        Message message = resetHeaders(exchange, status, ContentTypes.JSON);
        message.setBody(body);
    }

    /** The request's JSON body as {@code type}: 400 when there is none or it is not that JSON. */
    public <T> T requestBody(Exchange exchange, Class<T> type) {
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

    /** An HTML page, never cached (it is the same for every order; what it shows it fetches). */
    public void page(Exchange exchange, String html) {
        Message message = resetHeaders(exchange, 200, "text/html; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        message.setBody(html);
    }

    /** 204 with no body and no headers of the request left. */
    public void noContent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody(null);
    }

    public void problem(Exchange exchange) {
        ProblemException problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class);
        writeProblem(exchange, problem);
    }

    /** The store failed for a reason other than a refused duplicate: nothing was acknowledged, retry later. */
    public void storeUnavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Order store unavailable; answering 503 so the platform retries", cause);
        writeProblem(exchange, new Problems.StoreUnavailable("The order store is unavailable; the delivery was not kept. "
                + "Retry later.", STORE_RETRY_AFTER_SECONDS, cause));
    }

    public void unexpected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Unexpected failure on {}", exchange.getFromRouteId(), cause);
        countImport(exchange, "rejected", "500-internal-error");
        Map<String, Object> body = problemBody(500, "internal-error", "Internal Server Error",
                "The hub failed unexpectedly; the delivery was not kept. Retry later. Reference: " + exchange.getExchangeId());
        write(exchange, 500, ContentTypes.PROBLEM_JSON, body);
    }

    /** Import answers are counted by platform and outcome; other routes' answers are not imports. */
    private void countImport(Exchange exchange, String outcome, String reason) {
        if (IMPORT_ROUTE.equals(exchange.getFromRouteId())) {
            DeliveryFacts facts = exchange.getProperty(DeliveryFacts.PROPERTY, DeliveryFacts.class);
            InboundDelivery delivery = facts == null ? null : facts.delivery();
            metrics.answered(facts == null ? null : facts.platform(), outcome, reason, delivery != null ? delivery.receivedAt()
                    : java.time.Instant.ofEpochMilli(exchange.getClock().getCreated()));
        }
    }

    private void writeProblem(Exchange exchange, ProblemException problem) {
        countImport(exchange, "rejected", problem.status() + "-" + problem.type());
        if (problem.status() >= 500) {
            log.warn("{} {}: {}", problem.status(), problem.title(), Redact.mask(problem.detail()));
        } else if (IMPORT_ROUTE.equals(exchange.getFromRouteId())) {
            log.info("Refused with {}: {}", problem.status(), Redact.mask(problem.detail()));
        } else {
            // The internal APIs (partner service, admin) refuse as part of their normal work, e.g. a partner at capacity.
            log.debug("Refused with {}: {}", problem.status(), Redact.mask(problem.detail()));
        }
        write(exchange, problem.status(), ContentTypes.PROBLEM_JSON,
                problemBody(problem.status(), problem.type(), problem.title(), problem.detail()));
        if (problem.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", problem.retryAfterSeconds().toString());
        }
    }

    /** An RFC 9457 body; every problem the hub answers, in a route or outside one, is written by this. */
    static Map<String, Object> problemBody(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    private void write(Exchange exchange, int status, String contentType, Object body) {
        // The answer ends the delivery's log tag (DeliveryReceiver sets it), whichever route received the delivery.
        MDC.remove(DeliveryReceiver.CORRELATION_ID);
        Message message = resetHeaders(exchange, status, contentType);
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a response body", e);
        }
    }

    private static Message resetHeaders(Exchange exchange, int status, String contentType) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        return message;
    }
}
