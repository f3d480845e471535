package io.orderhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import io.orderhub.demo.SigningScheme.Signed;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Authenticator;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import org.junit.jupiter.api.Test;

/**
 * What the demo signs, the hub's own {@link Authenticator} accepts, scheme by scheme; what it forges with the scheme's
 * stranger key, the hub refuses as unauthenticated.
 */
class SigningSchemeTest {

    private static final byte[] BODY = "{\"id\":1,\"note\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = "X-Demo-Signature";

    private final Authenticator authenticator = new Authenticator(null);

    @Test
    void base64HmacOfTheBody() {
        assertVerifiedOnlyWithTheStoreKey(SigningScheme.HMAC_SHA256_BASE64, "demo-secret", BODY, (delivery, store) ->
                authenticator.requireHmacSha256Base64(delivery, store, "x-demo-signature"));
    }

    @Test
    void base64HmacOfOtherBytes() {
        byte[] signed = "1795187733.5c1a0e62".getBytes(StandardCharsets.UTF_8);
        assertVerifiedOnlyWithTheStoreKey(SigningScheme.HMAC_SHA256_BASE64, "demo-secret", signed, (delivery, store) ->
                authenticator.requireHmacSha256Base64(delivery, store, "x-demo-signature", signed));
    }

    @Test
    void hexHmacWithAHexSecret() {
        assertVerifiedOnlyWithTheStoreKey(SigningScheme.HMAC_SHA256_HEX_WITH_HEX_SECRET, "0DE7".repeat(16), BODY,
                (delivery, store) -> authenticator.requireHmacSha256HexWithHexSecret(delivery, store, "x-demo-signature"));
    }

    @Test
    void sharedSecret() {
        assertVerifiedOnlyWithTheStoreKey(SigningScheme.SHARED_SECRET, "demo-secret", BODY, (delivery, store) ->
                authenticator.requireSharedSecret(delivery, store, "x-demo-signature"));
    }

    @Test
    void standardWebhooks() {
        String key = "whsec_" + Base64.getEncoder().encodeToString("demo-key".getBytes(StandardCharsets.UTF_8));
        assertVerifiedOnlyWithTheStoreKey(SigningScheme.STANDARD_WEBHOOKS, key, BODY, authenticator::requireStandardWebhooksSignature,
                Map.of("webhook-id", "msg_1", "webhook-timestamp", "1795276532"), "webhook-signature");
    }

    @Test
    void rsaSha256OfTheBodysBase64() throws NoSuchAlgorithmException {
        KeyPair pair = keyPair();
        byte[] signed = Base64.getEncoder().encodeToString(BODY).getBytes(StandardCharsets.US_ASCII);
        Store store = store(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        BiConsumer<InboundDelivery, Store> check = (delivery, s) ->
                authenticator.requireRsaSha256Base64(delivery, s, "x-demo-signature", signed);

        assertThatCode(() -> check.accept(delivery(SigningScheme.RSA_SHA256_BASE64.sign(unsigned(Map.of()), HEADER, signed,
                privateKey)), store)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.accept(delivery(SigningScheme.RSA_SHA256_BASE64.sign(unsigned(Map.of()), HEADER, signed,
                SigningScheme.RSA_SHA256_BASE64.strangerKey())), store)).isInstanceOf(Problems.Unauthenticated.class);
    }

    @Test
    void jwtRs256WhoseClaimsAreTheBody() throws NoSuchAlgorithmException {
        KeyPair pair = keyPair();
        Store store = store(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());

        Signed authentic = SigningScheme.JWT_RS256.sign(unsigned(Map.of()), null, BODY, privateKey);
        Signed forged = SigningScheme.JWT_RS256.sign(unsigned(Map.of()), null, BODY, SigningScheme.JWT_RS256.strangerKey());

        String[] parts = new String(authentic.body(), StandardCharsets.US_ASCII).split("\\.");
        assertThat(Base64.getUrlDecoder().decode(parts[1])).isEqualTo(BODY);
        assertThat(verifiesJwt(store, authentic)).isTrue();
        assertThat(verifiesJwt(store, forged)).isFalse();
    }

    private void assertVerifiedOnlyWithTheStoreKey(SigningScheme scheme, String key, byte[] signed,
            BiConsumer<InboundDelivery, Store> check) {
        assertVerifiedOnlyWithTheStoreKey(scheme, key, signed, check, Map.of(), HEADER);
    }

    private void assertVerifiedOnlyWithTheStoreKey(SigningScheme scheme, String key, byte[] signed,
            BiConsumer<InboundDelivery, Store> check, Map<String, String> headers, String header) {
        Store store = store(key);
        InboundDelivery authentic = delivery(scheme.sign(unsigned(headers), header, signed, key));
        InboundDelivery forged = delivery(scheme.sign(unsigned(headers), header, signed, scheme.strangerKey()));

        assertThatCode(() -> check.accept(authentic, store)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.accept(forged, store)).isInstanceOf(Problems.Unauthenticated.class);
    }

    private static boolean verifiesJwt(Store store, Signed jwt) {
        String[] parts = new String(jwt.body(), StandardCharsets.US_ASCII).split("\\.");
        return Authenticator.verifiesRsaSha256(store, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2], Base64.getUrlDecoder());
    }

    private static Signed unsigned(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new Signed(all, BODY);
    }

    private static InboundDelivery delivery(Signed signed) {
        Map<String, String> lowerCase = new HashMap<>();
        signed.headers().forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        return new InboundDelivery(Instant.now(), "application/json", lowerCase, signed.body(), null);
    }

    private static Store store(String webhookSecret) {
        return new Store("demo", "demo-store", webhookSecret, null, null);
    }

    private static KeyPair keyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
