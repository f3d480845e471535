package io.orderhub.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.orderhub.platform.Authenticator;

/**
 * How a platform signs a delivery, one constant per scheme the hub's {@link Authenticator} verifies, never one per
 * platform: a platform's demo resource names its scheme, the header it signs in and what it signs. Each scheme also
 * knows a key that is not the store's, for the demo's forged deliveries.
 */
enum SigningScheme {

    /** base64(HMAC-SHA256(secret, signed bytes)) in a header (e.g. Shopify). */
    HMAC_SHA256_BASE64 {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            return unsigned.withHeader(header, Base64.getEncoder().encodeToString(Authenticator.hmacSha256(key, signed)));
        }
    },
    /** hex(HMAC-SHA256(the secret's hex-decoded bytes, signed bytes)) in a header (e.g. Squarespace). */
    HMAC_SHA256_HEX_WITH_HEX_SECRET {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            return unsigned.withHeader(header, HexFormat.of().formatHex(Authenticator.hmacSha256(HexFormat.of().parseHex(key),
                    signed)));
        }

        @Override
        String strangerKey() {
            return "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        }
    },
    /** The store's secret itself in a header, for platforms that do not sign (e.g. BigCommerce). */
    SHARED_SECRET {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            return unsigned.withHeader(header, key);
        }
    },
    /** base64(RSA-SHA256(private key, signed bytes)) in a header (e.g. Adobe Commerce). */
    RSA_SHA256_BASE64 {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            return unsigned.withHeader(header, Base64.getEncoder().encodeToString(rsaSha256(key, signed)));
        }

        @Override
        String strangerKey() {
            return STRANGER_RSA_KEY;
        }
    },
    /**
     * Standard Webhooks (e.g. Etsy): {@code v1,}base64(HMAC-SHA256(the {@code whsec_} key's bytes, {@code id.timestamp.body}))
     * in {@code webhook-signature}, over the {@code webhook-id} and {@code webhook-timestamp} headers the resource sends.
     */
    STANDARD_WEBHOOKS {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            byte[] head = (unsigned.header("webhook-id") + "." + unsigned.header("webhook-timestamp") + ".")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOf(head, head.length + unsigned.body().length);
            System.arraycopy(unsigned.body(), 0, content, head.length, unsigned.body().length);
            byte[] secret = Base64.getDecoder().decode(key.replaceFirst("^whsec_", ""));
            return unsigned.withHeader(header, "v1," + Base64.getEncoder().encodeToString(Authenticator.hmacSha256(secret,
                    content)));
        }

        @Override
        String strangerKey() {
            return "whsec_" + Base64.getEncoder().encodeToString("not the demo store's key".getBytes(StandardCharsets.UTF_8));
        }
    },
    /** The body is a compact JWT signed RS256 whose claims are the resource's body (e.g. Wix). */
    JWT_RS256 {
        @Override
        Signed sign(Signed unsigned, String header, byte[] signed, String key) {
            Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
            String signingInput = base64Url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + base64Url.encodeToString(unsigned.body());
            byte[] signature = rsaSha256(key, signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Signed(unsigned.headers(), (signingInput + "." + base64Url.encodeToString(signature))
                    .getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        String strangerKey() {
            return STRANGER_RSA_KEY;
        }
    };

    /** A key pair made at start-up that no demo store knows, for forged RSA signatures. */
    private static final String STRANGER_RSA_KEY = strangerRsaKey();

    /**
     * The delivery signed with {@code key}: {@code signed} is what the platform signs (the body, or the bytes its
     * resource names), {@code header} where the signature goes.
     */
    abstract Signed sign(Signed unsigned, String header, byte[] signed, String key);

    /** A key of the right kind that is not the store's. */
    String strangerKey() {
        return "not-the-demo-store-secret";
    }

    /** The resource's spelling: {@code hmac-sha256-base64} for {@link #HMAC_SHA256_BASE64}. */
    static SigningScheme named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A delivery's headers (in the order sent) and body. */
    record Signed(Map<String, String> headers, byte[] body) {

        Signed withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Signed(all, body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The demo delivery has no " + name + " header to sign"));
        }
    }

    private static byte[] rsaSha256(String pkcs8Pem, byte[] content) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(
                    pkcs8Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(content);
            return rsa.sign();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The demo private key (orderhub.demo.private-keys) is not an RSA PKCS#8 key", e);
        }
    }

    private static String strangerRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
