package io.orderhub.platform;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Where a platform's order id sits in what it sends (a JSON pointer into the parsed body, or the event of a
 * thin webhook) and what shape it can have. Each platform route declares its own; {@link DeliverySteps}
 * checks it once, before the id reaches an idempotency key or a platform API call.
 *
 * @param field   JSON pointer to the id in the received document
 * @param shape   what the platform's ids look like
 * @param within  null, or where the id sits inside the field's text (its first group), for ids sent in a URL
 */
public record OrderIdentity(String field, Shape shape, Pattern within) {

    /** The longest id (or store uid) the hub puts into a key: far above any platform's, far below abuse. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public enum Shape {
        /** 1 … 2^63-1, as a JSON integer or a string of digits: the database row ids of most shop systems. */
        POSITIVE_LONG("a positive integer within 64 bits"),
        /** Any short printable text (or JSON integer): UUIDs, object ids, internal order numbers. */
        OPAQUE("a non-empty text of at most " + MAX_LENGTH + " characters without control characters");

        private final String description;

        Shape(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static OrderIdentity positiveLong(String field) {
        return new OrderIdentity(field, Shape.POSITIVE_LONG, null);
    }

    public static OrderIdentity opaque(String field) {
        return new OrderIdentity(field, Shape.OPAQUE, null);
    }

    /** The same rule for the id found by the first group of {@code regex} in the field's text. */
    public OrderIdentity within(String regex) {
        return new OrderIdentity(field, shape, Pattern.compile(regex));
    }

    /**
     * Whether the id in {@code received} can be one of the platform's. An absent or null id passes: the mapping
     * already dead-letters an order without one, naming platform_order_id.
     */
    public boolean admits(JsonNode received) {
        JsonNode id = id(received);
        if (id == null || id.isMissingNode() || id.isNull()) {
            return true;
        }
        return switch (shape) {
            case POSITIVE_LONG -> isPositiveLong(id);
            case OPAQUE -> id.isIntegralNumber() ? id.asText().length() <= MAX_LENGTH : id.isTextual() && isPrintable(id.asText());
        };
    }

    /** The id as text (the call to a thin platform's API is built from it); null when there is none. */
    public String value(JsonNode received) {
        JsonNode id = id(received);
        return id == null || id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    /** The value as it was sent, cut to a length an operator can read in a dead letter's reason. */
    public String shown(JsonNode received) {
        return shown(id(received).toString());
    }

    public static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "… (" + value.length() + " characters)";
    }

    /** Non-empty, at most {@link #MAX_LENGTH} characters, no control characters. */
    public static boolean isPrintable(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_LENGTH && text.chars().noneMatch(Character::isISOControl);
    }

    /** The id as sent; null when absent, or when {@link #within} does not find it (the platform route says why). */
    private JsonNode id(JsonNode received) {
        JsonNode value = received == null ? null : received.at(field);
        if (within == null || value == null || !value.isTextual()) {
            return value;
        }
        Matcher found = within.matcher(value.asText());
        return found.find() ? TextNode.valueOf(found.group(1)) : null;
    }

    private static boolean isPositiveLong(JsonNode id) {
        String digits;
        if (id.isIntegralNumber()) {
            digits = id.bigIntegerValue().toString();
        } else if (id.isTextual()) {
            digits = id.asText();
        } else {
            // 1e400 and 1.5 are decimals even when their value is whole: no platform writes an id that way.
            return false;
        }
        return DIGITS.matcher(digits).matches() && digits.length() <= 19 && new BigInteger(digits).compareTo(LONG_MAX) <= 0;
    }
}
