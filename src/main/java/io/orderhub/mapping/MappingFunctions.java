package io.orderhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.schibsted.spt.data.jslt.Function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The JSLT extension functions the platform mapping files use.
 *
 * <p>Money never goes through {@code double}: amounts arrive as JSON strings or as Jackson
 * {@code DecimalNode}/{@code IntNode} (the hub parses with {@code USE_BIG_DECIMAL_FOR_FLOATS}) and
 * are read through their textual form into {@link BigDecimal}. Functions taking an optional
 * {@code currency} return the exact decimal without it, so intermediate results can be combined
 * and rounded once at the end. Every function answers {@code null} for a {@code null} input
 * unless its Javadoc says otherwise, so a mapping can pass absent fields straight through.
 *
 * <p>All state is static and immutable (patterns, formatters, the digit table): the functions
 * are called for every order on every thread.
 */
public final class MappingFunctions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** ISO 4217 minor-unit digits that differ from the usual 2. */
    private static final Map<String, Integer> MINOR_DIGITS = minorDigits();

    private static final Pattern SUBDIVISION_CODE = Pattern.compile("^[A-Z0-9]{1,3}$");

    private static final List<Function> ALL = List.of(
            new Fn("money", 2, 2, MappingFunctions::money),
            new Fn("money-sum", 1, 2, MappingFunctions::moneySum),
            new Fn("money-minus", 2, 3, MappingFunctions::moneyMinus),
            new Fn("money-times", 2, 3, MappingFunctions::moneyTimes),
            new Fn("money-divide", 3, 3, MappingFunctions::moneyDivide),
            new Fn("money-abs", 1, 2, MappingFunctions::moneyAbs),
            new Fn("money-compare", 2, 2, MappingFunctions::moneyCompare),
            new Fn("utc", 1, 1, MappingFunctions::utc),
            new Fn("utc-gmt", 1, 1, MappingFunctions::utcGmt),
            new Fn("utc-rfc2822", 1, 1, MappingFunctions::utcRfc2822),
            new Fn("utc-epoch", 1, 1, MappingFunctions::utcEpoch),
            new Fn("text", 1, 1, MappingFunctions::text),
            new Fn("id", 1, 1, MappingFunctions::id),
            new Fn("positive-id", 1, 1, MappingFunctions::positiveId),
            new Fn("decimal", 1, 1, MappingFunctions::decimal),
            new Fn("full-name", 2, 2, MappingFunctions::fullName),
            new Fn("split-tags", 1, 1, MappingFunctions::splitTags),
            new Fn("strip-prefix", 2, 2, MappingFunctions::stripPrefix),
            new Fn("subdivision-code", 1, 1, MappingFunctions::subdivisionCode),
            new Fn("distinct", 1, 1, MappingFunctions::distinct),
            new Fn("list", 1, 1, MappingFunctions::list),
            new Fn("lookup", 3, 3, MappingFunctions::lookup),
            new Fn("object-or-null", 1, 1, MappingFunctions::objectOrNull),
            new Fn("by-items", 2, 2, MappingFunctions::byItems));

    private MappingFunctions() {
    }

    /** Every extension function, to hand to the JSLT {@code Parser}. */
    public static List<Function> all() {
        return ALL;
    }

    // ---------------------------------------------------------------- money

    /**
     * {@code money(amount, currency)}: the amount as a decimal string rounded HALF_UP to the
     * currency's ISO 4217 minor digits ({@code "1200.0000"} JPY → {@code "1200"}, {@code "24.7500"}
     * KWD → {@code "24.750"}); an unknown or null currency gets 2 digits. Blank amount → null.
     */
    static JsonNode money(JsonNode[] args) {
        return format(amount(args[0]), args[1]);
    }

    /**
     * {@code money-sum(amounts, currency?)}: the sum of an array of amounts (null and blank
     * elements skipped). A null or absent array sums to 0, so "no refunds" is {@code "0.00"}.
     */
    static JsonNode moneySum(JsonNode[] args) {
        BigDecimal sum = BigDecimal.ZERO;
        JsonNode amounts = args[0];
        if (amounts != null && amounts.isArray()) {
            for (JsonNode element : amounts) {
                BigDecimal value = amount(element);
                if (value != null) {
                    sum = sum.add(value);
                }
            }
        } else if (!isNull(amounts)) {
            throw new IllegalArgumentException("money-sum expects an array, got " + amounts);
        }
        return result(sum, args, 1);
    }

    /** {@code money-minus(a, b, currency?)}: a − b; a null {@code a} gives null, a null {@code b} counts as 0. */
    static JsonNode moneyMinus(JsonNode[] args) {
        BigDecimal a = amount(args[0]);
        if (a == null) {
            return NullNode.instance;
        }
        BigDecimal b = amount(args[1]);
        return result(b == null ? a : a.subtract(b), args, 2);
    }

    /** {@code money-times(amount, quantity, currency?)}: amount × quantity; null if either is null. */
    static JsonNode moneyTimes(JsonNode[] args) {
        BigDecimal a = amount(args[0]);
        BigDecimal quantity = amount(args[1]);
        if (a == null || quantity == null) {
            return NullNode.instance;
        }
        return result(a.multiply(quantity), args, 2);
    }

    /**
     * {@code money-divide(amount, quantity, currency)}: amount ÷ quantity, rounded once HALF_UP
     * straight to the currency digits (a finer intermediate scale could double-round). Null when
     * either is null or the quantity is 0.
     */
    static JsonNode moneyDivide(JsonNode[] args) {
        BigDecimal a = amount(args[0]);
        BigDecimal divisor = amount(args[1]);
        if (a == null || divisor == null || divisor.signum() == 0) {
            return NullNode.instance;
        }
        return NODES.textNode(a.divide(divisor, digits(args[2]), RoundingMode.HALF_UP).toPlainString());
    }

    /** {@code money-abs(amount, currency?)}: the absolute value (refund totals are negative in WooCommerce). */
    static JsonNode moneyAbs(JsonNode[] args) {
        BigDecimal a = amount(args[0]);
        return a == null ? NullNode.instance : result(a.abs(), args, 1);
    }

    /** {@code money-compare(a, b)}: -1, 0 or 1 comparing two amounts as decimals; null if either is null. */
    static JsonNode moneyCompare(JsonNode[] args) {
        BigDecimal a = amount(args[0]);
        BigDecimal b = amount(args[1]);
        if (a == null || b == null) {
            return NullNode.instance;
        }
        return NODES.numberNode(Integer.signum(a.compareTo(b)));
    }

    // ---------------------------------------------------------------- time

    /**
     * {@code utc(text)}: an ISO-8601 time with an offset or Z ({@code 2026-11-20T10:15:30-05:00},
     * Shopify) as UTC {@code 2026-11-20T15:15:30Z}; a fraction is kept, with the source's digits,
     * only when the source has one.
     */
    static JsonNode utc(JsonNode[] args) {
        return utcFromText(args[0], "an ISO-8601 time with offset", MappingFunctions::offsetTime, MappingFunctions::fractionDigits);
    }

    /**
     * {@code utc-gmt(text)}: a WooCommerce {@code *_gmt} time, which has no zone but is UTC
     * ({@code 2026-11-20T14:02:11} → {@code 2026-11-20T14:02:11Z}). A value that does carry an
     * offset is converted like {@link #utc}.
     */
    static JsonNode utcGmt(JsonNode[] args) {
        return utcFromText(args[0], "an ISO-8601 time", MappingFunctions::gmtOrOffset, MappingFunctions::fractionDigits);
    }

    private static OffsetDateTime offsetTime(String text) {
        OffsetDateTime usual = IsoTimes.offsetOrNull(text);
        return usual != null ? usual : OffsetDateTime.parse(text);
    }

    private static OffsetDateTime gmtOrOffset(String text) {
        LocalDateTime local = IsoTimes.localOrNull(text);
        if (local != null) {
            return local.atOffset(ZoneOffset.UTC);
        }
        // Read before java.time's local parser, which would throw (and fill in a stack trace) for every time with an offset.
        OffsetDateTime withOffset = IsoTimes.offsetOrNull(text);
        if (withOffset != null) {
            return withOffset;
        }
        try {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException noLocal) {
            return OffsetDateTime.parse(text);
        }
    }

    /** {@code utc-rfc2822(text)}: a BigCommerce time ({@code Fri, 20 Nov 2026 15:15:30 +0000}) as UTC ISO-8601. */
    static JsonNode utcRfc2822(JsonNode[] args) {
        return utcFromText(args[0], "an RFC 2822 time", text -> OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME),
                text -> 0);
    }

    /** How one time format reads its text; throws {@link DateTimeParseException} for text it cannot read. */
    private interface TimeParser {
        OffsetDateTime parse(String text);
    }

    /** A time written as text, as UTC ISO-8601 with {@code digits} of fraction; blank is null, unreadable an error. */
    private static JsonNode utcFromText(JsonNode arg, String expected, TimeParser parse,
            ToIntFunction<String> digits) {
        String text = blankToNull(arg);
        if (text == null) {
            return NullNode.instance;
        }
        try {
            return NODES.textNode(formatUtc(parse.parse(text), digits.applyAsInt(text)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not " + expected + ": '" + text + "'", e);
        }
    }

    /** {@code utc-epoch(seconds)}: a UNIX timestamp in seconds (Ecwid's {@code createTimestamp}) as UTC ISO-8601. */
    static JsonNode utcEpoch(JsonNode[] args) {
        BigDecimal seconds = amount(args[0]);
        if (seconds == null) {
            return NullNode.instance;
        }
        try {
            return NODES.textNode(formatUtc(Instant.ofEpochSecond(seconds.longValueExact()).atOffset(ZoneOffset.UTC), 0));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not whole UNIX seconds: '" + seconds.toPlainString() + "'", e);
        }
    }

    // ---------------------------------------------------------------- strings and ids

    /** {@code text(x)}: a string as given, blank → null; numbers and booleans as their text. */
    static JsonNode text(JsonNode[] args) {
        JsonNode x = args[0];
        if (isNull(x)) {
            return NullNode.instance;
        }
        if (x.isTextual()) {
            return x.asText().isBlank() ? NullNode.instance : x;
        }
        if (x.isValueNode()) {
            return NODES.textNode(x.isNumber() ? plainNumber(x) : x.asText());
        }
        throw new IllegalArgumentException("expected a string, got " + x.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /** {@code id(x)}: a platform id as a string ({@code 5500000000101} → {@code "5500000000101"}); blank → null. */
    static JsonNode id(JsonNode[] args) {
        return text(args);
    }

    /**
     * {@code positive-id(x)}: like {@code id}, but null unless the id is a number greater than 0:
     * WooCommerce and BigCommerce use 0 for "no customer / no variant".
     */
    static JsonNode positiveId(JsonNode[] args) {
        JsonNode id = text(args);
        if (id.isNull()) {
            return id;
        }
        try {
            return new BigDecimal(id.asText().trim()).signum() > 0 ? id : NullNode.instance;
        } catch (NumberFormatException notNumeric) {
            return NullNode.instance;
        }
    }

    /** {@code decimal(x)}: a number kept as the exact JSON number (coordinates); a numeric string becomes one; otherwise null. */
    static JsonNode decimal(JsonNode[] args) {
        JsonNode x = args[0];
        if (x != null && x.isNumber()) {
            return x;
        }
        String text = blankToNull(x);
        if (text == null) {
            return NullNode.instance;
        }
        try {
            return NODES.numberNode(new BigDecimal(text.trim()));
        } catch (NumberFormatException notNumeric) {
            return NullNode.instance;
        }
    }

    /** {@code full-name(first, last)}: the non-blank parts, trimmed, joined by one space; null if both are blank. */
    static JsonNode fullName(JsonNode[] args) {
        String first = blankToNull(args[0]);
        String last = blankToNull(args[1]);
        if (first == null && last == null) {
            return NullNode.instance;
        }
        if (first == null || last == null) {
            return NODES.textNode((first == null ? last : first).trim());
        }
        return NODES.textNode(first.trim() + " " + last.trim());
    }

    /** {@code split-tags(text)}: Shopify's comma-separated tags as an array, each trimmed, empties dropped; null → []. */
    static JsonNode splitTags(JsonNode[] args) {
        ArrayNode tags = NODES.arrayNode();
        String text = blankToNull(args[0]);
        if (text == null) {
            return tags;
        }
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String tag = text.substring(start, end).trim();
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
            start = end + 1;
        }
        return tags;
    }

    /** {@code strip-prefix(text, prefix)}: text without a leading prefix ({@code "JP-13"}, {@code "JP-"} → {@code "13"}); blank → null. */
    static JsonNode stripPrefix(JsonNode[] args) {
        String text = blankToNull(args[0]);
        if (text == null) {
            return NullNode.instance;
        }
        String prefix = blankToNull(args[1]);
        if (prefix != null && text.startsWith(prefix) && text.length() > prefix.length()) {
            return NODES.textNode(text.substring(prefix.length()));
        }
        return NODES.textNode(text);
    }

    /**
     * {@code subdivision-code(text)}: the text if it looks like a subdivision code
     * ({@code ^[A-Z0-9]{1,3}$}: "NY", "13"), else null. WooCommerce's {@code state} is a code for
     * countries WooCommerce knows and free text for the others.
     */
    static JsonNode subdivisionCode(JsonNode[] args) {
        String text = blankToNull(args[0]);
        return text != null && SUBDIVISION_CODE.matcher(text).matches() ? NODES.textNode(text) : NullNode.instance;
    }

    // ---------------------------------------------------------------- structure

    /** {@code distinct(array)}: the distinct non-null, non-blank elements in first-seen order; null → []. */
    static JsonNode distinct(JsonNode[] args) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (JsonNode element : iterable(args[0])) {
            if (!isNull(element) && !(element.isTextual() && element.asText().isBlank())) {
                seen.add(element);
            }
        }
        return NODES.arrayNode().addAll(seen);
    }

    /** {@code list(x)}: x if it is an array, else []; JSLT's {@code for} over null gives null, not []. */
    static JsonNode list(JsonNode[] args) {
        return args[0] != null && args[0].isArray() ? args[0] : NODES.arrayNode();
    }

    /**
     * {@code lookup(table, key, default)}: {@code table[key]} with the key as text (so numeric
     * status ids work), or default when the key is null or not in the table. Unlike JSLT's
     * {@code get-key}, a null key gives the default.
     */
    static JsonNode lookup(JsonNode[] args) {
        JsonNode table = args[0];
        JsonNode key = args[1];
        if (table == null || !table.isObject() || isNull(key) || !key.isValueNode()) {
            return args[2];
        }
        JsonNode value = table.get(key.isNumber() ? plainNumber(key) : key.asText());
        return value == null ? args[2] : value;
    }

    /** {@code object-or-null(object)}: null when every value of the object is null ("customer is null only when all fields are"). */
    static JsonNode objectOrNull(JsonNode[] args) {
        JsonNode object = args[0];
        if (isNull(object)) {
            return NullNode.instance;
        }
        for (JsonNode value : object) {
            if (!isNull(value)) {
                return object;
            }
        }
        return NullNode.instance;
    }

    /**
     * {@code by-items(items_shipped, items_total)}: BigCommerce fulfillment from item counts:
     * 0 shipped → unfulfilled, some → partially_fulfilled, all (of more than 0) → fulfilled,
     * anything else (nulls, nothing ordered but something shipped) → unknown.
     */
    static JsonNode byItems(JsonNode[] args) {
        BigDecimal shipped = amount(args[0]);
        BigDecimal total = amount(args[1]);
        if (shipped == null || total == null) {
            return NODES.textNode("unknown");
        }
        if (shipped.signum() == 0) {
            return NODES.textNode("unfulfilled");
        }
        if (shipped.signum() > 0 && shipped.compareTo(total) < 0) {
            return NODES.textNode("partially_fulfilled");
        }
        if (total.signum() > 0 && shipped.compareTo(total) >= 0) {
            return NODES.textNode("fulfilled");
        }
        return NODES.textNode("unknown");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Integer> minorDigits() {
        Map<String, Integer> digits = new HashMap<>();
        for (String code : List.of("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF")) {
            digits.put(code, 0);
        }
        for (String code : List.of("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")) {
            digits.put(code, 3);
        }
        return Map.copyOf(digits);
    }

    static int digits(JsonNode currency) {
        String code = blankToNull(currency);
        return code == null ? 2 : MINOR_DIGITS.getOrDefault(code.trim().toUpperCase(Locale.ROOT), 2);
    }

    /** Reads an amount through its textual form: JSON string, DecimalNode or IntNode, never a double. */
    static BigDecimal amount(JsonNode node) {
        if (isNull(node)) {
            return null;
        }
        if (node.isBigDecimal() || node.isIntegralNumber()) {
            return node.decimalValue();
        }
        if (node.isNumber() || node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a decimal amount: '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException("not a decimal amount: " + node);
    }

    private static JsonNode format(BigDecimal value, JsonNode currency) {
        return value == null ? NullNode.instance
                : NODES.textNode(value.setScale(digits(currency), RoundingMode.HALF_UP).toPlainString());
    }

    /** Rounded when the optional currency argument is there, else the exact decimal. */
    private static JsonNode result(BigDecimal value, JsonNode[] args, int currencyIndex) {
        return args.length > currencyIndex ? format(value, args[currencyIndex]) : NODES.textNode(value.toPlainString());
    }

    private static String formatUtc(OffsetDateTime time, int fractionDigits) {
        return IsoTimes.utcText(time.withOffsetSameInstant(ZoneOffset.UTC), fractionDigits);
    }

    /** How many fraction-of-second digits an ISO-8601 text has (0 when it has none). */
    private static int fractionDigits(String isoText) {
        int timeStart = isoText.indexOf('T');
        int dot = timeStart < 0 ? -1 : isoText.indexOf('.', timeStart);
        if (dot < 0) {
            return 0;
        }
        int end = dot + 1;
        while (end < isoText.length() && Character.isDigit(isoText.charAt(end))) {
            end++;
        }
        return end - dot - 1;
    }

    private static String plainNumber(JsonNode number) {
        return number.isIntegralNumber() ? number.bigIntegerValue().toString() : amount(number).toPlainString();
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String blankToNull(JsonNode node) {
        if (isNull(node) || !node.isValueNode()) {
            return null;
        }
        String text = node.isNumber() ? plainNumber(node) : node.asText();
        return text.isBlank() ? null : text;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node != null && node.isArray()) {
            return node;
        }
        return List.of();
    }

    /** One named JSLT function backed by a static method. */
    private record Fn(String name, int min, int max, java.util.function.Function<JsonNode[], JsonNode> body) implements Function {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int getMinArguments() {
            return min;
        }

        @Override
        public int getMaxArguments() {
            return max;
        }

        @Override
        public JsonNode call(JsonNode input, JsonNode[] arguments) {
            return body.apply(arguments);
        }
    }
}
