package io.orderhub.dashboard;

import java.security.SecureRandom;
import java.util.Base64;

import io.orderhub.platform.Authenticator;
import io.orderhub.problem.Problems;
import io.orderhub.security.AdminCredentials;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may watch the dashboard and feed it: the bearer of {@code orderhub.dashboard.token} or of the admin
 * key, compared in constant time. Browsers cannot set headers on a WebSocket, so the socket takes the
 * token as {@code ?token=}; HTTP calls take {@code Authorization: Bearer}.
 */
@Component
public class DashboardCredentials {

    private static final Logger log = LoggerFactory.getLogger(DashboardCredentials.class);

    private final String token;
    private final AdminCredentials admin;

    public DashboardCredentials(DashboardProperties properties, AdminCredentials admin) {
        this.admin = admin;
        String configured = properties.token();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Without it nobody could open the embedded default's dashboard; with several processes the
            // token must be configured, since each would make its own.
            log.info("No orderhub.dashboard.token configured: this process's dashboard token is {}", configured);
        }
        this.token = configured;
    }

    /** The token this process sends with its own events. */
    public String token() {
        return token;
    }

    public boolean accepts(String presented) {
        return presented != null && !presented.isEmpty()
                && (Authenticator.secretEquals(token, presented) || admin.isAdmin("Bearer " + presented));
    }

    /** Refuses with 401 problem unless the request carries {@code Authorization: Bearer} with the token or admin key. */
    public void requireBearer(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (header == null || !header.startsWith("Bearer ") || !accepts(header.substring("Bearer ".length()).trim())) {
            throw new Problems.Unauthenticated("This endpoint needs Authorization: Bearer <orderhub.dashboard.token>.");
        }
    }
}
