package io.orderhub.mapping;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The shapes of ISO-8601 time that platforms actually send ({@code 2026-11-20T10:15:30-05:00},
 * {@code 2026-11-20T14:02:11.123Z}, WooCommerce's zone-less {@code 2026-11-20T14:02:11}), read and written by hand.
 * {@code java.time}'s ISO parsers and formatters cost a fifth of a Shopify order's mapping: an order has a dozen
 * times. Each reader answers null for anything outside its one exact shape, or for values out of range, and the
 * caller then asks {@code java.time}, which decides and explains as before; so these change the speed, never the
 * verdict. The writer prints every time (IsoTimesTest compares all three with {@code java.time}).
 */
final class IsoTimes {

    private static final int SECONDS_END = "uuuu-MM-ddTHH:mm:ss".length();
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

    private IsoTimes() {
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.fraction]} then {@code Z} or {@code ±HH:MM}; null otherwise. */
    static OffsetDateTime offsetOrNull(String text) {
        int end = localEnd(text);
        if (end < 0) {
            return null;
        }
        ZoneOffset offset = offset(text, end);
        LocalDateTime local = offset == null ? null : local(text, end);
        return local == null ? null : OffsetDateTime.of(local, offset);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.fraction]} and nothing after it; null otherwise. */
    static LocalDateTime localOrNull(String text) {
        int end = localEnd(text);
        return end == text.length() ? local(text, end) : null;
    }

    /**
     * {@code uuuu-MM-ddTHH:mm:ss}, the first {@code fractionDigits} digits of the nanoseconds after a dot when there
     * are any, then {@code Z}: what {@code uuuu-MM-dd'T'HH:mm:ss} and a zero-padded nano-of-second printed, a year
     * past 9999 with its {@code +} and one before year 0 with its {@code -} included.
     */
    static String utcText(OffsetDateTime utc, int fractionDigits) {
        int year = utc.getYear();
        StringBuilder text = new StringBuilder(32);
        if (year < 0 || year > 9999) {
            text.append(year < 0 ? '-' : '+');
        }
        digits(text, Math.abs(year), 4).append('-');
        digits(text, utc.getMonthValue(), 2).append('-');
        digits(text, utc.getDayOfMonth(), 2).append('T');
        digits(text, utc.getHour(), 2).append(':');
        digits(text, utc.getMinute(), 2).append(':');
        digits(text, utc.getSecond(), 2);
        if (fractionDigits > 0) {
            int kept = Math.min(fractionDigits, 9);
            digits(text.append('.'), utc.getNano() / POWERS_OF_TEN[9 - kept], kept);
        }
        return text.append('Z').toString();
    }

    /** Where the date-time ends (after the seconds and a fraction of 1-9 digits), or -1 when the shape differs. */
    private static int localEnd(String s) {
        if (s.length() < SECONDS_END || !areDigits(s, 0, 4) || s.charAt(4) != '-' || !areDigits(s, 5, 2) || s.charAt(7) != '-'
                || !areDigits(s, 8, 2) || s.charAt(10) != 'T' || !areDigits(s, 11, 2) || s.charAt(13) != ':'
                || !areDigits(s, 14, 2) || s.charAt(16) != ':' || !areDigits(s, 17, 2)) {
            return -1;
        }
        if (s.length() == SECONDS_END || s.charAt(SECONDS_END) != '.') {
            return SECONDS_END;
        }
        int end = SECONDS_END + 1;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        int fraction = end - SECONDS_END - 1;
        return fraction >= 1 && fraction <= 9 ? end : -1;
    }

    private static LocalDateTime local(String s, int end) {
        int fraction = end - SECONDS_END - 1;
        int nanos = fraction > 0 ? number(s, SECONDS_END + 1, fraction) * POWERS_OF_TEN[9 - fraction] : 0;
        try {
            return LocalDateTime.of(number(s, 0, 4), number(s, 5, 2), number(s, 8, 2), number(s, 11, 2), number(s, 14, 2),
                    number(s, 17, 2), nanos);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** {@code Z} or {@code ±HH:MM} from {@code at} to the end, or null. */
    private static ZoneOffset offset(String s, int at) {
        int left = s.length() - at;
        if (left == 1 && s.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = left == 6 ? s.charAt(at) : 0;
        if ((sign != '+' && sign != '-') || !areDigits(s, at + 1, 2) || s.charAt(at + 3) != ':' || !areDigits(s, at + 4, 2)) {
            return null;
        }
        int signum = sign == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(signum * number(s, at + 1, 2), signum * number(s, at + 4, 2));
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static boolean areDigits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII digits only, as java.time's ISO parsers read them. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int pad = text.length(); pad < width; pad++) {
            out.append('0');
        }
        return out.append(text);
    }
}
