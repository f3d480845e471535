package io.orderhub.gateway;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.orderhub.config.OrderHubProperties;
import io.orderhub.problem.Problems;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The gateway's first step: refuses what is too large or of a content type no platform sends, and keeps
 * the delivery's raw bytes and headers, because signatures and replays need them exactly as received.
 */
@Component
public class DeliveryReceiver {

    /** Where every platform delivers: the one webhook endpoint of the contract. */
    public static final String IMPORT_PATH = "/import-orders";
    /** The log key that ties every line of one delivery together: the platform's delivery id where it has one. */
    public static final String CORRELATION_ID = "correlation_id";
    private static final String[] DELIVERY_ID_HEADERS = {"x-shopify-webhook-id", "x-wc-webhook-delivery-id",
        "x-request-id", "x-correlation-id"};

    private final int maxBodyBytes;
    private final Clock clock;

    public DeliveryReceiver(OrderHubProperties properties, Clock clock) {
        this.maxBodyBytes = properties.gateway().maxBodyBytes();
        this.clock = clock;
    }

    public InboundDelivery receive(Exchange exchange) {
        Message in = exchange.getIn();
        MDC.put(CORRELATION_ID, correlationId(in, exchange));
        Long declaredLength = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declaredLength != null && declaredLength > maxBodyBytes) {
            throw new Problems.PayloadTooLarge(declaredLength, maxBodyBytes);
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            throw new Problems.PayloadTooLarge(body.length, maxBodyBytes);
        }
        String contentType = in.getHeader(RawFormBodyFilter.RECEIVED_CONTENT_TYPE, String.class);
        if (contentType == null) {
            contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        }
        // Each platform route then insists on its own type (JSON for most), so a JSON platform's delivery sent as
        // text is still refused with 415.
        if (!ContentTypes.isJson(contentType) && !ContentTypes.isForm(contentType) && !ContentTypes.isToken(contentType)) {
            throw new Problems.UnsupportedContentType(contentType, ContentTypes.JSON);
        }
        Map<String, String> headers = new HashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null && !RawFormBodyFilter.RECEIVED_CONTENT_TYPE.equalsIgnoreCase(name)) {
                headers.put(name.toLowerCase(Locale.ROOT), String.valueOf(value));
            }
        });
        String explicitPlatform = headers.get("x-orderhub-platform");
        if (explicitPlatform == null) {
            explicitPlatform = queryParameter(in.getHeader(Exchange.HTTP_QUERY, String.class), "platform");
        }
        headers.put("content-type", contentType);
        return new InboundDelivery(clock.instant(), contentType, Map.copyOf(headers), body,
                explicitPlatform == null ? null : explicitPlatform.trim().toLowerCase(Locale.ROOT));
    }

    private static String correlationId(Message in, Exchange exchange) {
        for (String header : DELIVERY_ID_HEADERS) {
            String id = in.getHeader(header, String.class);
            if (id != null && !id.isBlank() && id.length() <= 128) {
                return id;
            }
        }
        return exchange.getExchangeId();
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
