package io.orderhub.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks customer data in text bound for logs: e-mail addresses keep their first letter and domain,
 * phone-like digit runs their last four digits, street lines (a house number with a street name, in the
 * English "742 Evergreen Terrace" or the German "Hauptstraße 5" order) become {@code ***street}. Log lines
 * never carry whole payloads; this guards the reasons and details that may quote a value from one.
 */
public final class Redact {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern STREET = Pattern.compile("(?iu)\\b\\d{1,6}[a-z]?(?:[ ,]+[\\p{L}0-9.'-]+){0,4}?[ ]+"
            + "(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|parkway|"
            + "pkwy|highway|hwy|square|sq|close|crescent)\\b\\.?"
            + "|\\b[\\p{L}-]+(?:straße|strasse|str\\.|weg|gasse|allee|platz)\\s*\\d{1,5}[a-z]?\\b");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}(\\d{4})");

    private Redact() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = STREET.matcher(EMAIL.matcher(text).replaceAll("$1***@$2")).replaceAll("***street");
        Matcher phone = PHONE.matcher(masked);
        return phone.replaceAll("***$1");
    }
}
