package io.orderhub.security;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.platform.Authenticator;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The operator credential: {@code Authorization: Bearer {orderhub.admin.api-key}}, compared in constant
 * time. With no key configured every operator endpoint is closed.
 */
@Component
public class AdminCredentials {

    private final String apiKey;

    public AdminCredentials(OrderHubProperties properties) {
        String key = properties.admin().apiKey();
        this.apiKey = key == null || key.isBlank() ? null : key;
    }

    public boolean isAdmin(String authorizationHeader) {
        if (apiKey == null || authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        return Authenticator.secretEquals(apiKey, authorizationHeader.substring("Bearer ".length()).trim());
    }

    public boolean isAdmin(Exchange exchange) {
        return isAdmin(exchange.getMessage().getHeader("Authorization", String.class));
    }

    /** Refuses with 401 problem unless the request carries the operator credential. */
    public void requireAdmin(Exchange exchange) {
        if (apiKey == null) {
            throw new Problems.Unauthenticated("Operator endpoints are closed: no orderhub.admin.api-key is configured.");
        }
        if (!isAdmin(exchange)) {
            throw new Problems.Unauthenticated("This endpoint needs Authorization: Bearer <orderhub.admin.api-key>.");
        }
    }
}
