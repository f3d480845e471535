package io.orderhub.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fills a demo resource's JSON with one delivery's values. {@code {{name}}} or {@code {{name:format}}} anywhere in a
 * string (or an object key) is replaced by the value's text; a string that is nothing but one placeholder becomes the
 * value itself, so ids and amounts stay JSON numbers where the platform sends numbers ({@code :text} keeps them
 * strings). Times take a format: {@code iso} (default), {@code iso-local} (UTC without offset), {@code sql}
 * ({@code yyyy-MM-dd HH:mm:ss} UTC), {@code rfc1123}, {@code epoch} (seconds); amounts {@code cents} (an integer);
 * any text takes {@code base64}.
 * {@code {"$json": …}} becomes the JSON text of what it holds, for platforms that nest JSON in strings (e.g. Wix).
 */
final class DemoTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)(?::([a-z0-9-]+))?}}");
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;

    DemoTemplate(ObjectMapper json) {
        this.json = json;
    }

    JsonNode render(JsonNode template, Map<String, Object> values) {
        if (template.isTextual()) {
            return renderValue(template.asText(), values);
        }
        if (template.isArray()) {
            ArrayNode array = NODES.arrayNode();
            template.forEach(element -> array.add(render(element, values)));
            return array;
        }
        if (template.isObject()) {
            if (template.size() == 1 && template.has("$json")) {
                return NODES.textNode(text(render(template.get("$json"), values)));
            }
            ObjectNode object = NODES.objectNode();
            for (Iterator<Entry<String, JsonNode>> fields = template.fields(); fields.hasNext();) {
                Entry<String, JsonNode> field = fields.next();
                object.set(renderText(field.getKey(), values), render(field.getValue(), values));
            }
            return object;
        }
        return template;
    }

    String renderText(String template, Map<String, Object> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(text, Matcher.quoteReplacement(
                    String.valueOf(format(placeholder.group(1), placeholder.group(2), values))));
        }
        return placeholder.appendTail(text).toString();
    }

    String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Demo JSON cannot be written", e);
        }
    }

    private JsonNode renderValue(String template, Map<String, Object> values) {
        Matcher whole = PLACEHOLDER.matcher(template);
        if (!whole.matches()) {
            return NODES.textNode(renderText(template, values));
        }
        Object value = format(whole.group(1), whole.group(2), values);
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static Object format(String name, String format, Map<String, Object> values) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("Demo template names an unknown value {{" + name + "}}");
        }
        Object value = values.get(name);
        if (format == null) {
            return value instanceof Instant time ? DateTimeFormatter.ISO_INSTANT.format(time) : value;
        }
        return switch (format) {
            case "text" -> value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
            case "cents" -> money(name, value).movePointRight(2).longValueExact();
            case "base64" -> Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            case "iso" -> DateTimeFormatter.ISO_INSTANT.format(time(name, value));
            case "iso-local" -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time(name, value).atOffset(ZoneOffset.UTC));
            case "sql" -> SQL.format(time(name, value));
            case "rfc1123" -> DateTimeFormatter.RFC_1123_DATE_TIME.format(time(name, value).atOffset(ZoneOffset.UTC));
            case "epoch" -> time(name, value).getEpochSecond();
            default -> throw new IllegalArgumentException("Demo template format :" + format + " of {{" + name
                    + "}} is not one of text, cents, base64, iso, iso-local, sql, rfc1123, epoch");
        };
    }

    private static BigDecimal money(String name, Object value) {
        if (value instanceof BigDecimal amount) {
            return amount;
        }
        throw new IllegalArgumentException("{{" + name + "}} is not an amount");
    }

    private static Instant time(String name, Object value) {
        if (value instanceof Instant time) {
            return time;
        }
        throw new IllegalArgumentException("{{" + name + "}} is not a time: " + value.getClass().getSimpleName()
                .toLowerCase(Locale.ROOT));
    }
}
