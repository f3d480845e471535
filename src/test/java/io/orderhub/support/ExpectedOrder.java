package io.orderhub.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a stored order with a fixture's {@code expected.order} (fixtures README): keys are dotted paths,
 * money compares as decimals, {@code *_at} as instants that must end in Z, everything else exactly.
 */
public final class ExpectedOrder {

    private ExpectedOrder() {
    }

    /** Every mismatch, one readable line each; empty when the order is as expected. */
    public static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = at(actual, e.getKey());
            if (!matches(e.getKey(), e.getValue(), value)) {
                problems.add(e.getKey() + ": expected " + e.getValue() + " but was " + value);
            }
        }
        return problems;
    }

    public static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || current.isMissingNode() || current.isNull()) {
                return current;
            }
            current = current.isArray() && part.chars().allMatch(Character::isDigit)
                    ? current.path(Integer.parseInt(part)) : current.path(part);
        }
        return current;
    }

    static boolean matches(String path, JsonNode expected, JsonNode actual) {
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (expected.isNull() || actual.isNull()) {
            return expected.isNull() && actual.isNull();
        }
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (leaf.endsWith("_at") && expected.isTextual()) {
            return actual.isTextual() && actual.asText().endsWith("Z")
                    && Instant.parse(expected.asText()).equals(Instant.parse(actual.asText()));
        }
        if (expected.isTextual() && actual.isTextual() && isDecimal(expected.asText()) && isDecimal(actual.asText())
                && isMoney(path)) {
            return new BigDecimal(expected.asText()).compareTo(new BigDecimal(actual.asText())) == 0;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static boolean isMoney(String path) {
        return path.startsWith("totals.") || path.endsWith("price") || path.endsWith("total") || path.endsWith("discount")
                || path.endsWith("tax") || path.endsWith("unit_price");
    }

    private static boolean isDecimal(String text) {
        return !text.isEmpty() && text.matches("-?\\d+(\\.\\d+)?");
    }
}
