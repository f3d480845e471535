package io.orderhub.gateway;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.orderhub.ops.ImportMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that finds every request thread busy and the queue full is refused before its body is read:
 * nothing of it was kept, so it gets 503 with {@code Retry-After} (the platform retries it), not a 500. A refused
 * delivery is counted with the import answers ({@code orderhub_imports_total}, reason {@code 503-overloaded}): no route
 * ran, and the import path has no generic HTTP timer to count it instead.
 */
@RestControllerAdvice
class OverloadAnswers {

    static final String RETRY_AFTER_SECONDS = "1";

    private final ImportMetrics metrics;

    OverloadAnswers(ImportMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler({TaskRejectedException.class, RejectedExecutionException.class})
    ResponseEntity<Map<String, Object>> overloaded(HttpServletRequest request) {
        if (DeliveryReceiver.IMPORT_PATH.equals(request.getRequestURI())) {
            metrics.answered(null, "rejected", "503-overloaded", null);
        }
        Map<String, Object> body = HttpResponses.problemBody(503, "overloaded", "Overloaded",
                "The hub is taking all the requests it can; this one was not read or kept. Retry after "
                        + RETRY_AFTER_SECONDS + " s.");
        body.put("instance", request.getRequestURI());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
