package io.orderhub.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls to platform APIs (hydration, reconciliation): a 5xx or a network failure is retried with
 * exponential backoff, a 429 after the {@code Retry-After} it names; any other answer is final.
 */
public final class RetryingHttp {

    /**
     * @param maxRetryAfter a 429 asking for a longer wait than this ends the attempts
     */
    public record Policy(int maxAttempts, Duration initialBackoff, Duration maxRetryAfter) {
    }

    /** No attempt got an answer worth keeping; the message names the last problem ({@code HTTP 503}, a timeout…). */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String lastProblem) {
            super(lastProblem);
        }
    }

    private final HttpClient http;

    public RetryingHttp(Duration connectTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The first final answer: a 2xx, or a 4xx other than 429 (refused credentials do not fix themselves). */
    public HttpResponse<byte[]> send(HttpRequest request, Policy policy) throws UnreachableException {
        Duration backoff = policy.initialBackoff();
        String lastProblem = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration pause = backoff;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status < 400 || (status < 500 && status != 429)) {
                    return response;
                }
                lastProblem = "HTTP " + status;
                if (status == 429) {
                    pause = retryAfter(response).orElse(backoff);
                    if (pause.compareTo(policy.maxRetryAfter()) > 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException("interrupted");
            }
            if (attempt < policy.maxAttempts()) {
                sleep(pause);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new UnreachableException(lastProblem);
    }

    /** Seconds, possibly with a fraction (Shopify sends {@code 2.0}). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
