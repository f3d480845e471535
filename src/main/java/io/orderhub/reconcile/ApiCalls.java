package io.orderhub.reconcile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.platform.RetryingHttp;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls to platform order APIs (GETs, and POSTs that only search), retried as {@link RetryingHttp} does. Credentials go in headers only,
 * so the URIs that are logged carry none.
 */
@Component
public class ApiCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiCalls.class);
    private static final int RETRY_LATER_SECONDS = 60;

    private final RetryingHttp http;
    private final RetryingHttp.Policy policy;
    private final ReconcileProperties settings;
    private final PayloadJson json;

    public ApiCalls(ReconcileProperties settings, PayloadJson json) {
        this.settings = settings;
        this.json = json;
        this.http = new RetryingHttp(settings.connectTimeout(), settings.requestTimeout());
        this.policy = new RetryingHttp.Policy(settings.maxAttempts(), settings.initialBackoff(), settings.maxRetryAfter());
    }

    /** A 2xx answer; anything else, after the last attempt, stops the run with 503. */
    public RetryingHttp.Answer get(URI uri, Map<String, String> headers) {
        return read(uri, () -> http.get(uri.toString(), headers, policy));
    }

    /** A search whose query is a JSON body; answered and retried as {@link #get}. */
    public RetryingHttp.Answer post(URI uri, Map<String, String> headers, JsonNode query) {
        byte[] body = query.toString().getBytes(StandardCharsets.UTF_8);
        return read(uri, () -> http.post(uri.toString(), headers, body, policy));
    }

    /** The orders of a listing's array (none when it is missing). */
    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> orders = new ArrayList<>();
        array.forEach(orders::add);
        return orders;
    }

    private interface Call {
        RetryingHttp.Answer answer() throws RetryingHttp.UnreachableException;
    }

    private RetryingHttp.Answer read(URI uri, Call call) {
        String problem;
        try {
            RetryingHttp.Answer answer = call.answer();
            if (answer.status() / 100 == 2) {
                return answer;
            }
            problem = "HTTP " + answer.status();
        } catch (RetryingHttp.UnreachableException e) {
            problem = e.getMessage();
        }
        log.warn("Order API {} not read after up to {} attempts: {}", withoutQuery(uri), settings.maxAttempts(), problem);
        throw new Problems.UpstreamUnavailable("The order API at " + withoutQuery(uri) + " could not be read ("
                + problem + "); reconciliation stopped at its last stored page.", RETRY_LATER_SECONDS, null);
    }

    /** The answer's JSON (an empty array for no body); an unreadable answer stops the run with 503. */
    public JsonNode json(RetryingHttp.Answer answer, URI uri) {
        if (answer.body().length == 0) {
            return json.mapper().createArrayNode();
        }
        try {
            return json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new Problems.UpstreamUnavailable("The order API at " + withoutQuery(uri) + " answered with unreadable "
                    + "JSON; reconciliation stopped at its last stored page.", RETRY_LATER_SECONDS, e);
        }
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    /** Closes the client's pooled connections when the context closes. */
    @Override
    public void close() throws IOException {
        http.close();
    }
}
