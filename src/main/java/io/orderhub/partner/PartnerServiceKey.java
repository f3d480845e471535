package io.orderhub.partner;

import java.security.SecureRandom;
import java.util.Base64;

import io.orderhub.platform.Authenticator;
import io.orderhub.problem.Problems;
import io.orderhub.security.AdminCredentials;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The credential of the Partner Service's machine-to-machine calls ({@code /partners/assign},
 * {@code /partners/release}): {@code orderhub.partner.service-key}, or the operator key. Without a configured
 * key a random one is made at start-up: the embedded default, where the import role calls its own process,
 * works without configuration, and nothing outside the process can call these endpoints.
 */
@Component
public class PartnerServiceKey {

    private final String key;
    private final AdminCredentials admin;

    public PartnerServiceKey(PartnerProperties properties, AdminCredentials admin) {
        String configured = properties.serviceKey();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        this.key = configured;
        this.admin = admin;
    }

    public String authorizationHeader() {
        return "Bearer " + key;
    }

    public void requireServiceOrAdmin(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        boolean service = header != null && header.startsWith("Bearer ")
                && Authenticator.secretEquals(key, header.substring("Bearer ".length()).trim());
        if (!service && !admin.isAdmin(header)) {
            throw new Problems.Unauthenticated("This endpoint needs Authorization: Bearer <orderhub.partner.service-key>.");
        }
    }
}
