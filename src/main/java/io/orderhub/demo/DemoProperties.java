package io.orderhub.demo;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo traffic simulator ({@code demo} profile): how many webhooks a second, and how many are odd. The platforms
 * it plays are the {@code demo/<platform>.json} resources; the HMAC secrets it signs with are its stores' own
 * {@code webhook-secret}s.
 *
 * @param privateKeys per platform that signs with a key pair (RSA-SHA256, RS256 JWTs), the private key (PKCS#8 PEM)
 *                    whose public half is that platform's demo store {@code webhook-secret}
 */
@ConfigurationProperties("orderhub.demo")
public record DemoProperties(
        @DefaultValue("2") double ratePerSecond,
        @DefaultValue("0.05") double duplicateShare,
        @DefaultValue("0.10") double updateShare,
        @DefaultValue("0.03") double badSignatureShare,
        Map<String, String> privateKeys) {

    public DemoProperties {
        privateKeys = privateKeys == null ? Map.of() : Map.copyOf(privateKeys);
    }
}
