package io.orderhub.reconcile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * GET calls to platform order APIs: retried with exponential backoff on 5xx and network failures, and after
 * the {@code Retry-After} a 429 names. Credentials go in headers only, so the URIs that are logged carry none.
 */
@Component
public class ApiCalls {

    private static final Logger log = LoggerFactory.getLogger(ApiCalls.class);
    private static final int RETRY_LATER_SECONDS = 60;

    private final HttpClient http;
    private final ReconcileProperties settings;
    private final PayloadJson json;

    public ApiCalls(ReconcileProperties settings, PayloadJson json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A 2xx answer; anything else, after the last attempt, stops the run with 503. */
    public Answer get(URI uri, Map<String, String> headers) {
        Duration backoff = settings.initialBackoff();
        String lastProblem = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration pause = backoff;
            try {
                HttpResponse<byte[]> response = http.send(request(uri, headers), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Answer(status, response.headers(), response.body());
                }
                lastProblem = "HTTP " + status;
                if (status == 429) {
                    pause = retryAfter(response.headers()).orElse(backoff);
                    if (pause.compareTo(settings.maxRetryAfter()) > 0) {
                        break;
                    }
                } else if (status < 500) {
                    // Refused credentials or a wrong base URL do not fix themselves within a run.
                    break;
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastProblem = "interrupted";
                break;
            }
            if (attempt < settings.maxAttempts()) {
                log.info("{} answered {}; attempt {} of {} in {} ms", withoutQuery(uri), lastProblem, attempt + 1,
                        settings.maxAttempts(), pause.toMillis());
                pause(pause);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new Problems.UpstreamUnavailable("The order API at " + withoutQuery(uri) + " could not be read ("
                + lastProblem + "); reconciliation stopped at its last stored page.", RETRY_LATER_SECONDS, null);
    }

    /** The answer's JSON (an empty array for no body); an unreadable answer stops the run with 503. */
    public JsonNode json(Answer answer, URI uri) {
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

    /** Seconds, possibly with a fraction (Shopify sends {@code 2.0}). */
    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return request.build();
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A successful answer. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
