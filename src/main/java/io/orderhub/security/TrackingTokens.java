package io.orderhub.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.platform.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-order signed tokens for the customer's tracking link ({@code /track/{order_id}?token=…}) and the
 * decision endpoint: base64url(HMAC-SHA256(tracking secret, order id)). Every instance of one hub must
 * share {@code orderhub.admin.tracking-secret}; without one, a random secret is made at start-up, which
 * suits a single process only.
 */
@Component
public class TrackingTokens {

    private static final Logger log = LoggerFactory.getLogger(TrackingTokens.class);

    private final String secret;

    public TrackingTokens(OrderHubProperties properties) {
        String configured = properties.admin().trackingSecret();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getEncoder().encodeToString(random);
            log.info("No orderhub.admin.tracking-secret configured: tracking links are valid for this process only");
        }
        this.secret = configured;
    }

    public String tokenFor(String orderId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Authenticator.hmacSha256(secret, orderId.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean isValid(String orderId, String token) {
        return orderId != null && token != null && Authenticator.secretEquals(tokenFor(orderId), token);
    }
}
