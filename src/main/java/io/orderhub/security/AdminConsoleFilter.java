package io.orderhub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hawtio and its Jolokia (JMX over HTTP) are operator tools: they need the operator credential, as a bearer
 * token or, so a browser can simply ask for it, as the password of HTTP Basic authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AdminConsoleFilter extends OncePerRequestFilter {

    private static final String[] GUARDED = {"/actuator/hawtio", "/actuator/jolokia", "/hawtio", "/jolokia"};

    private final AdminCredentials credentials;

    public AdminConsoleFilter(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (String guarded : GUARDED) {
            if (path.equals(guarded) || path.startsWith(guarded + "/")) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (credentials.isAdmin(authorization) || credentials.isAdmin(basicAsBearer(authorization))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Order Import Hub operators\", charset=\"UTF-8\"");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://orderhub.io/problems/unauthorized\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"The operator console needs the operator credential "
                + "(orderhub.admin.api-key) as a bearer token or as the Basic password.\"}");
    }

    /** Basic credentials (any user name, the operator key as password) in the bearer form AdminCredentials checks. */
    private static String basicAsBearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : "Bearer " + decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
