package io.orderhub.platform.wix;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.gateway.ContentTypes;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.DeliverySteps;
import io.orderhub.platform.StoreRegistry.Store;
import io.orderhub.problem.Problems;
import io.orderhub.translate.PayloadJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Wix's webhooks: the whole body is a JWT signed RS256 with the app's key pair; its {@code data} claim is a JSON
 * string {@code {"eventType","instanceId","data":"<JSON string of the event>"}}. The site is the app instance
 * ({@code instanceId}), named inside the token, so the token's payload is read first to find the store whose
 * configured public key then verifies the signature over the token's header and payload.
 */
@Component
public class WixEvents {

    private static final String EVENT = "orderhubWixEvent";
    private static final String EVENT_TYPE = "orderhubWixEventType";

    private final PayloadJson json;
    private final DeliverySteps steps;

    public WixEvents(PayloadJson json, DeliverySteps steps) {
        this.json = json;
        this.steps = steps;
    }

    /** The event (entityFqdn, slug, entityId, createdEvent/updatedEvent/actionEvent…). */
    public static JsonNode event(Exchange exchange) {
        return exchange.getProperty(EVENT, JsonNode.class);
    }

    public static String eventType(Exchange exchange) {
        return exchange.getProperty(EVENT_TYPE, String.class);
    }

    public void requireToken(Exchange exchange) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        if (!ContentTypes.isToken(delivery.contentType())) {
            throw new Problems.UnsupportedContentType(delivery.contentType(), ContentTypes.TEXT + " (a JWT)");
        }
    }

    public void authenticate(Exchange exchange) {
        String token = Deliveries.delivery(exchange).bodyAsText().trim();
        String[] parts = token.split("\\.", -1);
        JsonNode claims = parts.length == 3 ? decode(parts[1]) : null;
        JsonNode envelope = claims == null ? null : parseText(claims.path("data"));
        if (envelope == null || !envelope.hasNonNull("instanceId")) {
            throw new Problems.Unauthenticated("This Wix delivery cannot be authenticated: the body is not a JWT whose "
                    + "data names an instanceId.");
        }
        steps.authenticate(exchange, envelope.get("instanceId").asText(), (delivery, store) -> verify(parts, store));
        JsonNode event = parseText(envelope.path("data"));
        if (event == null) {
            throw new Problems.MalformedPayload("The Wix event data is not a JSON object.");
        }
        exchange.setProperty(EVENT_TYPE, envelope.path("eventType").asText(null));
        exchange.setProperty(EVENT, event);
    }

    private static void verify(String[] parts, Store store) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey(store.webhookSecret()));
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature or key is as unauthenticated as a wrong one.
        }
        throw new Problems.Unauthenticated("The Wix JWT is not signed (RS256) with the app key configured for instance '"
                + store.storeUid() + "'.");
    }

    /** The configured key: a PEM {@code -----BEGIN PUBLIC KEY-----} block, or its base64 alone. */
    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private JsonNode decode(String base64Url) {
        try {
            return json.tryParse(Base64.getUrlDecoder().decode(base64Url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Wix nests JSON as strings; some tools send the object itself. */
    private JsonNode parseText(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        return node.isTextual() ? json.tryParse(node.asText().getBytes(StandardCharsets.UTF_8)) : null;
    }
}
