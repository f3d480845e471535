package io.orderhub.gateway;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside the Camel routes (an unknown path, a method a route does not take, a request the
 * servlet container refuses) are answered as RFC 9457 problem+json too, never as an HTML error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        HttpStatus httpStatus = HttpStatus.resolve(status);
        String title = httpStatus == null ? "Error" : httpStatus.getReasonPhrase();
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Map<String, Object> body = HttpResponses.problemBody(status, title.toLowerCase().replace(' ', '-'), title,
                detail(status, path));
        if (path != null) {
            body.put("instance", path);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static String detail(int status, Object path) {
        return switch (status) {
            case 404 -> "Nothing is served at " + path + ".";
            case 405 -> "That method is not allowed on " + path + ".";
            case 413 -> "The request body is too large.";
            default -> status >= 500 ? "The hub failed to handle the request; it was not kept. Retry later."
                    : "The request could not be handled.";
        };
    }
}
