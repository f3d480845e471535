package io.orderhub.platform;

import java.io.IOException;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * GET calls to platform APIs (hydration, reconciliation): a 5xx or a network failure is retried with
 * exponential backoff, a 429 after the {@code Retry-After} it names; any other answer is final.
 *
 * <p>Apache HttpClient 5's classic client does the blocking I/O on the calling thread. The JDK client used before
 * hands every call to its selector and worker threads and back: under the benchmark (a third of the orders
 * hydrated, three calls each) those threads and handoffs took 13.9 % of the hub's CPU, this client 6.8 %.
 */
public final class RetryingHttp implements AutoCloseable {

    /** The callers are cached, unbounded pools: room for every one of them rather than a wait. */
    private static final int CONNECTIONS_PER_ROUTE = 64;
    private static final int CONNECTIONS = 256;
    /** A keep-alive connection idle this long is checked before reuse: the server may have closed it. */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);
    /** Idle sockets are closed after this by the client's evictor thread; one closed sooner is caught by the check. */
    private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(30);
    private static final byte[] NO_BODY = new byte[0];

    /**
     * @param maxRetryAfter a 429 asking for a longer wait than this ends the attempts
     */
    public record Policy(int maxAttempts, Duration initialBackoff, Duration maxRetryAfter) {
    }

    /** An answer read whole: the connection went back to the pool before anyone parses the body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        /** The first value of a header, whatever its case; null when absent. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** No attempt got an answer worth keeping; the message names the last problem ({@code HTTP 503}, a timeout…). */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String lastProblem) {
            super(lastProblem);
        }
    }

    private final CloseableHttpClient http;

    /**
     * @param requestTimeout bounds each read of an answer (HttpClient 5 has no whole-request deadline)
     */
    public RetryingHttp(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                                .build())
                        .setMaxConnPerRoute(CONNECTIONS_PER_ROUTE)
                        .setMaxConnTotal(CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        // Waiting for a pooled connection is part of connecting: the attempt fails, then is retried.
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                // Redirects are answers like any other, and retrying is this class's, with its backoff.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                // As the JDK client: identity bodies, and the JVM's proxy settings (http(s).proxyHost, …) apply.
                .disableContentCompression()
                .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
                .evictExpiredConnections()
                .evictIdleConnections(MAX_IDLE)
                .build();
    }

    /** The first final answer: a 2xx or 3xx, or a 4xx other than 429 (refused credentials do not fix themselves). */
    public Answer get(String uri, Map<String, String> headers, Policy policy) throws UnreachableException {
        return send(() -> request(new HttpGet(uri), headers), policy);
    }

    /** A POST that reads (a search with its query in a JSON body), retried as {@link #get} is. */
    public Answer post(String uri, Map<String, String> headers, byte[] json, Policy policy) throws UnreachableException {
        return send(() -> {
            HttpPost request = request(new HttpPost(uri), headers);
            request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
            return request;
        }, policy);
    }

    private Answer send(Supplier<HttpUriRequestBase> newRequest, Policy policy) throws UnreachableException {
        Duration backoff = policy.initialBackoff();
        String lastProblem = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration pause = backoff;
            try {
                Answer answer = http.execute(newRequest.get(), RetryingHttp::answer);
                int status = answer.status();
                if (status < 400 || (status < 500 && status != 429)) {
                    return answer;
                }
                lastProblem = "HTTP " + status;
                if (status == 429) {
                    pause = retryAfter(answer).orElse(backoff);
                    if (pause.compareTo(policy.maxRetryAfter()) > 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < policy.maxAttempts()) {
                sleep(pause);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new UnreachableException(lastProblem);
    }

    private static <R extends HttpUriRequestBase> R request(R request, Map<String, String> headers) {
        request.addHeader("Accept", "application/json");
        headers.forEach(request::addHeader);
        return request;
    }

    private static Answer answer(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName(), header.getValue());
        }
        HttpEntity entity = response.getEntity();
        return new Answer(response.getCode(), headers, entity == null ? NO_BODY : EntityUtils.toByteArray(entity));
    }

    /** Seconds, possibly with a fraction (Shopify sends {@code 2.0}). */
    private static Optional<Duration> retryAfter(Answer answer) {
        return Optional.ofNullable(answer.header("Retry-After")).flatMap(value -> {
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

    /** Closes the pooled connections and the evictor thread. */
    @Override
    public void close() throws IOException {
        http.close();
    }
}
