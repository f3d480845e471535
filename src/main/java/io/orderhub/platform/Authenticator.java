package io.orderhub.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import org.springframework.stereotype.Component;

/**
 * Checks that a delivery comes from the store it claims, over the raw bytes and before anything is
 * parsed. Every comparison is constant-time so a caller learns nothing from how long a refusal takes.
 */
@Component
public record Authenticator(StoreRegistry stores) {

    /** One Mac per thread, re-keyed per delivery: no provider lookup on every request. */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    });

    /** The store a delivery claims to come from, refused when unknown or without a secret. */
    public Store store(String platform, String storeUid) {
        if (storeUid == null || storeUid.isBlank()) {
            throw new Problems.Unauthenticated("The delivery does not name its " + platform + " store.");
        }
        Store store = stores.find(platform, storeUid)
                .orElseThrow(() -> new Problems.Unauthenticated("Unknown " + platform + " store '" + storeUid + "'."));
        if (!store.hasSecret()) {
            throw new Problems.Unauthenticated("No webhook secret is configured for " + platform + " store '" + storeUid + "'.");
        }
        return store;
    }

    /** Shopify, WooCommerce and most others: base64(HMAC-SHA256(secret, body)) in a header. */
    public void requireHmacSha256Base64(InboundDelivery delivery, Store store, String lowerCaseHeader) {
        requireHmacSha256Base64(delivery, store, lowerCaseHeader, delivery.rawBody());
    }

    /** The same over what a platform signs instead of the whole body (Ecwid: {@code eventCreated.eventId}). */
    public void requireHmacSha256Base64(InboundDelivery delivery, Store store, String lowerCaseHeader, byte[] signedContent) {
        requireSignature(delivery, store, lowerCaseHeader, hmacSha256(store.webhookSecret(), signedContent), "base64",
                given -> Base64.getDecoder().decode(given));
    }

    /** Squarespace: hex(HMAC-SHA256(the secret's hex-decoded bytes, body)) in a header. */
    public void requireHmacSha256HexWithHexSecret(InboundDelivery delivery, Store store, String lowerCaseHeader) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(store.webhookSecret().trim());
        } catch (IllegalArgumentException e) {
            throw new Problems.Unauthenticated("The webhook secret of store '" + store.storeUid() + "' is not hexadecimal.");
        }
        requireSignature(delivery, store, lowerCaseHeader, hmacSha256(key, delivery.rawBody()), "hexadecimal",
                given -> HexFormat.of().parseHex(given.toLowerCase(Locale.ROOT)));
    }

    private static void requireSignature(InboundDelivery delivery, Store store, String lowerCaseHeader, byte[] expected,
            String encoding, Function<String, byte[]> decoder) {
        String given = delivery.header(lowerCaseHeader);
        if (given == null || given.isBlank()) {
            throw new Problems.Unauthenticated("Missing signature header " + lowerCaseHeader + ".");
        }
        byte[] presented;
        try {
            presented = decoder.apply(given.trim());
        } catch (IllegalArgumentException e) {
            throw new Problems.Unauthenticated("Signature header " + lowerCaseHeader + " is not " + encoding + ".");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new Problems.Unauthenticated("Signature in " + lowerCaseHeader + " does not match the body for store '"
                    + store.storeUid() + "'.");
        }
    }

    /**
     * Platforms that sign with a key pair (Adobe Commerce): base64(RSA-SHA256 signature of {@code signedContent}) in a
     * header, verified with the store's {@code webhook-secret}, which holds the public key (PEM, or its base64 alone).
     */
    public void requireRsaSha256Base64(InboundDelivery delivery, Store store, String lowerCaseHeader, byte[] signedContent) {
        String given = delivery.header(lowerCaseHeader);
        if (given == null || given.isBlank()) {
            throw new Problems.Unauthenticated("Missing signature header " + lowerCaseHeader + ".");
        }
        if (!verifiesRsaSha256(store, signedContent, given.trim(), Base64.getDecoder())) {
            throw new Problems.Unauthenticated("Signature in " + lowerCaseHeader + " is not an RSA-SHA256 signature by the key "
                    + "configured for store '" + store.storeUid() + "'.");
        }
    }

    /** Whether {@code signature} (in the decoder's base64) is the RSA-SHA256 signature of {@code signedContent} by the store's key. */
    public static boolean verifiesRsaSha256(Store store, byte[] signedContent, String signature, Base64.Decoder decoder) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
                    store.webhookSecret().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")))));
            rsa.update(signedContent);
            return rsa.verify(decoder.decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature or key is as unauthenticated as a wrong one.
            return false;
        }
    }

    /**
     * Standard Webhooks (standardwebhooks.com, Etsy): {@code webhook-signature} holds {@code v1,<base64 HMAC-SHA256>}
     * entries (space separated) over {@code {webhook-id}.{webhook-timestamp}.{raw body}}, keyed with the signing secret
     * ({@code whsec_} + base64 of the key). The timestamp is not held to a tolerance window: platforms retry for more
     * than a day, and a replayed order is answered as a duplicate anyway.
     */
    public void requireStandardWebhooksSignature(InboundDelivery delivery, Store store) {
        String id = delivery.header("webhook-id");
        String timestamp = delivery.header("webhook-timestamp");
        String signatures = delivery.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw new Problems.Unauthenticated("A Standard Webhooks delivery needs the webhook-id, webhook-timestamp and "
                    + "webhook-signature headers.");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(store.webhookSecret().trim().replaceFirst("^whsec_", ""));
        } catch (IllegalArgumentException e) {
            throw new Problems.Unauthenticated("The webhook secret of store '" + store.storeUid() + "' is not whsec_ and base64.");
        }
        byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[head.length + delivery.rawBody().length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(delivery.rawBody(), 0, signed, head.length, delivery.rawBody().length);
        byte[] expected = hmacSha256(key, signed);
        for (String entry : signatures.trim().split("\\s+")) {
            String base64 = entry.startsWith("v1,") ? entry.substring(3) : entry;
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64))) {
                    return;
                }
            } catch (IllegalArgumentException notBase64) {
                // another entry may still match
            }
        }
        throw new Problems.Unauthenticated("No v1 signature in webhook-signature matches the body for store '"
                + store.storeUid() + "'.");
    }

    /** Platforms that do not sign (BigCommerce): a shared secret sent in a header set when the webhook was created. */
    public void requireSharedSecret(InboundDelivery delivery, Store store, String lowerCaseHeader) {
        String given = delivery.header(lowerCaseHeader);
        if (given == null || given.isEmpty()) {
            throw new Problems.Unauthenticated("Missing authentication header " + lowerCaseHeader + ".");
        }
        if (!secretEquals(store.webhookSecret(), given)) {
            throw new Problems.Unauthenticated("Header " + lowerCaseHeader + " does not match the secret of store '"
                    + store.storeUid() + "'.");
        }
    }

    public static boolean secretEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        return hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
    }

    public static byte[] hmacSha256(byte[] key, byte[] body) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 refused the key", e);
        }
    }
}
