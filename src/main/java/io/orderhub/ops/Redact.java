package io.orderhub.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks customer data in text bound for logs: e-mail addresses keep their first letter and domain,
 * phone-like digit runs their last four digits. Log lines never carry whole payloads; this guards the
 * reasons and details that may quote a value from one.
 */
public final class Redact {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}(\\d{4})");

    private Redact() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        Matcher phone = PHONE.matcher(masked);
        return phone.replaceAll("***$1");
    }
}
