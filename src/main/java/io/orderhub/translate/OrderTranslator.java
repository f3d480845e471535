package io.orderhub.translate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.gateway.InboundDelivery;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.mapping.OrderSchemaValidator;
import io.orderhub.mapping.UnmappableOrderException;
import io.orderhub.order.PreparedOrder;
import io.orderhub.platform.Deliveries;
import io.orderhub.platform.ImportContext;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The shared translation stage: envelope in, validated universal order out. The platform's mapping file
 * does the field work; this class adds what is the same for every platform (the schema check, the digest
 * and version the idempotent consumer compares).
 */
@Component
public record OrderTranslator(OrderMapper mapper, OrderSchemaValidator validator, PayloadJson json) {

    /** The schema requires an id; the real one is only given when the order is first stored. */
    private static final String PLACEHOLDER_ID = "ord_pending";
    private static final Set<String> NOT_DIGESTED = Set.of("id", "source", "delivery");
    /** Plain compact JSON, as {@code JsonNode.toString()} writes it, whatever the application mapper's settings. */
    private static final ObjectWriter DIGEST_WRITER = new ObjectMapper().writer();

    /** The envelope a mapping file reads: delivery metadata and the platform's order. */
    public ObjectNode envelope(Exchange exchange, JsonNode order) {
        InboundDelivery delivery = Deliveries.delivery(exchange);
        ObjectNode envelope = json.mapper().createObjectNode();
        ObjectNode meta = envelope.putObject("meta");
        meta.put("platform", Deliveries.platform(exchange));
        meta.put("store_uid", Deliveries.store(exchange).storeUid());
        meta.put("received_at", delivery.receivedAt().toString());
        ObjectNode headers = meta.putObject("headers");
        for (Map.Entry<String, String> header : delivery.headers().entrySet()) {
            headers.put(header.getKey(), header.getValue());
        }
        envelope.set("order", order);
        return envelope;
    }

    /** Parses the delivery body (400 when it is not JSON) and wraps it in an envelope. */
    public ObjectNode parseToEnvelope(Exchange exchange) {
        return envelope(exchange, parsedBody(exchange));
    }

    /** The delivery body as JSON (400 when it is not), parsed once per exchange: identity check and envelope share it. */
    public JsonNode parsedBody(Exchange exchange) {
        ImportContext context = Deliveries.context(exchange);
        if (context.parsedBody() != null) {
            return context.parsedBody();
        }
        JsonNode body = json.parse(context.delivery().rawBody(), context.platform());
        Deliveries.update(exchange, known -> known.withParsedBody(body));
        return body;
    }

    /** Maps and validates; an authentic order that fails either is unmappable and goes to the dead letters. */
    public PreparedOrder translate(Exchange exchange) {
        MappedOrder mapped = map(Deliveries.mapping(exchange), exchange.getMessage().getBody(ObjectNode.class));
        if (!mapped.problems().isEmpty()) {
            throw new UnmappableOrderException("The mapped order does not match the universal schema: "
                    + String.join("; ", mapped.problems()));
        }
        ObjectNode order = mapped.order();
        String key = order.path("idempotency_key").asText();
        String digest = digest(order);
        Deliveries.update(exchange, context -> context.withIdempotencyKey(key));
        return new PreparedOrder(key, order, digest, epochMillis(order.get("updated_at")), Deliveries.delivery(exchange));
    }

    /**
     * Runs a mapping file on an envelope and lists what makes the result no universal order: schema violations,
     * and an order that claims another platform or store than its delivery (a mapping may not write into
     * another store's orders). Stores nothing; the operator's preview shows exactly this.
     *
     * @throws UnmappableOrderException when there is no such mapping or it fails on this envelope
     */
    public MappedOrder map(String mapping, JsonNode envelope) {
        ObjectNode order = mapper.map(mapping, envelope);
        order.put("id", PLACEHOLDER_ID);
        List<String> problems = new ArrayList<>(validator.validate(order));
        order.remove("id");
        JsonNode meta = envelope.path("meta");
        for (String field : List.of("platform", "store_uid")) {
            String claimed = order.path(field).asText(null);
            String delivered = meta.path(field).asText(null);
            if (delivered != null && claimed != null && !delivered.equals(claimed)) {
                problems.add("/" + field + ": the mapping says '" + claimed + "' but the delivery is from '" + delivered + "'");
            }
        }
        String key = order.path("idempotency_key").asText(null);
        String expectedKey = order.path("platform").asText() + "_" + order.path("store_uid").asText() + "_"
                + order.path("platform_order_id").asText();
        if (key != null && problems.isEmpty() && !key.equals(expectedKey)) {
            problems.add("/idempotency_key: '" + key + "' is not {platform}_{store_uid}_{platform_order_id} = '" + expectedKey + "'");
        }
        return new MappedOrder(order, List.copyOf(problems));
    }

    /** A mapped order (without its hub id) and the reasons it is not a valid universal order, if any. */
    public record MappedOrder(ObjectNode order, List<String> problems) {
    }

    /** A digest of everything that makes two versions of an order differ: all but id, source and delivery. */
    static String digest(ObjectNode order) {
        // A shallow view without the excluded fields, written straight into the hash: the same bytes as the
        // order's compact JSON text without those fields, with no copy of the tree and no intermediate String.
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        order.fields().forEachRemaining(field -> {
            if (!NOT_DIGESTED.contains(field.getKey())) {
                content.set(field.getKey(), field.getValue());
            }
        });
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                DIGEST_WRITER.writeValue(out, content);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long epochMillis(JsonNode time) {
        if (time == null || time.isNull()) {
            return null;
        }
        try {
            return Instant.parse(time.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
