package io.orderhub.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One webhook delivery exactly as it arrived: the bytes a signature covers, the headers (names
 * lower-cased, since HTTP header names are case-insensitive) and when it came in.
 */
public record InboundDelivery(Instant receivedAt, String contentType, Map<String, String> headers, byte[] rawBody,
        String explicitPlatform) {

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public boolean hasHeaderStartingWith(String lowerCasePrefix) {
        for (String name : headers.keySet()) {
            if (name.startsWith(lowerCasePrefix)) {
                return true;
            }
        }
        return false;
    }

    public boolean isJson() {
        return ContentTypes.isJson(contentType);
    }

    public boolean isForm() {
        return ContentTypes.isForm(contentType);
    }

    public String bodyAsText() {
        return new String(rawBody, StandardCharsets.UTF_8);
    }
}
