package io.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The hand-written readers and writer of {@link IsoTimes} against {@code java.time}, over texts made at random from
 * the parts of an ISO-8601 time, in range and out of it (month 13, 30 February, 24:00, offsets past 18 hours,
 * ten fraction digits, a lowercase {@code t}, missing seconds, trailing text). Whatever a reader accepts,
 * {@code java.time} reads as the same time; the usual shapes are accepted (or the fast path would silently never
 * run); and the writer prints what the mapping printed before (the pattern and {@code %09d} it replaced are
 * kept here as the oracle), for any year.
 */
class IsoTimesTest {

    private static final DateTimeFormatter OLD_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final Random RANDOM = new Random(20261207);

    @Test
    void whatTheOffsetReaderAcceptsJavaTimeReadsAsTheSameTime() {
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = date() + time() + offset();
            OffsetDateTime fast = IsoTimes.offsetOrNull(text);
            OffsetDateTime slow = parseOrNull(text);
            if (fast != null) {
                accepted++;
                assertThat(slow).as(text).isEqualTo(fast);
            }
        }
        assertThat(accepted).as("texts the fast path read").isGreaterThan(4_000);
    }

    @Test
    void whatTheLocalReaderAcceptsJavaTimeReadsAsTheSameTime() {
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = date() + time() + (RANDOM.nextInt(10) == 0 ? offset() : "");
            LocalDateTime fast = IsoTimes.localOrNull(text);
            if (fast != null) {
                accepted++;
                assertThat(LocalDateTime.parse(text)).as(text).isEqualTo(fast);
            }
        }
        assertThat(accepted).as("texts the fast path read").isGreaterThan(4_000);
    }

    @Test
    void theShapesPlatformsSendAreReadByTheFastPath() {
        for (String text : new String[] {"2026-11-20T10:15:30-05:00", "2026-11-20T14:02:11.123Z", "2024-02-29T23:59:59+14:00",
                "2026-11-20T10:15:30.000000001-00:00"}) {
            assertThat(IsoTimes.offsetOrNull(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        assertThat(IsoTimes.localOrNull("2026-11-20T14:02:11")).isEqualTo(LocalDateTime.parse("2026-11-20T14:02:11"));
        for (String text : new String[] {"2026-11-20t10:15:30Z", "2026-11-20T10:15-05:00", "2026-02-30T10:15:30Z",
                "2026-11-20T10:15:30+18:01", "2026-11-20T10:15:30.Z", "+12026-11-20T10:15:30Z", "2026-11-20T10:15:30Z "}) {
            assertThat(IsoTimes.offsetOrNull(text)).as(text).isNull();
        }
    }

    @Test
    void theWriterPrintsWhatThePatternAndTheZeroPaddedNanosPrinted() {
        for (int i = 0; i < 20_000; i++) {
            // Mostly years 0000-9999; every fourth anywhere an Instant reaches (signed years of five digits and more).
            long seconds = i % 4 == 0 ? RANDOM.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                    : RANDOM.nextLong(-62_167_219_200L, 253_402_300_799L);
            OffsetDateTime utc = Instant.ofEpochSecond(seconds, RANDOM.nextInt(1_000_000_000)).atOffset(ZoneOffset.UTC);
            int digits = RANDOM.nextInt(13);
            assertThat(IsoTimes.utcText(utc, digits)).as(utc + " with " + digits).isEqualTo(oldFormat(utc, digits));
        }
        assertThat(IsoTimes.utcText(OffsetDateTime.parse("+10000-01-01T00:00:00Z"), 0)).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(IsoTimes.utcText(OffsetDateTime.parse("-0001-12-31T23:59:59.5Z"), 1)).isEqualTo("-0001-12-31T23:59:59.5Z");
    }

    private static String oldFormat(OffsetDateTime utc, int fractionDigits) {
        StringBuilder text = new StringBuilder(30).append(OLD_SECONDS.format(utc));
        if (fractionDigits > 0) {
            String nanos = String.format(Locale.ROOT, "%09d", utc.getNano());
            text.append('.').append(nanos, 0, Math.min(fractionDigits, 9));
        }
        return text.append('Z').toString();
    }

    private static OffsetDateTime parseOrNull(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String date() {
        int year = pick(new int[] {2026, 2024, 1900, 2000, 0, 9999, RANDOM.nextInt(10_000)});
        int month = RANDOM.nextInt(20) == 0 ? pick(new int[] {0, 13}) : 1 + RANDOM.nextInt(12);
        int day = RANDOM.nextInt(10) == 0 ? pick(new int[] {0, 29, 30, 31, 32}) : 1 + RANDOM.nextInt(28);
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    }

    private static String time() {
        char t = RANDOM.nextInt(30) == 0 ? 't' : 'T';
        int hour = RANDOM.nextInt(20) == 0 ? 24 : RANDOM.nextInt(24);
        int minute = RANDOM.nextInt(20) == 0 ? 60 : RANDOM.nextInt(60);
        String seconds = switch (RANDOM.nextInt(20)) {
            case 0 -> "";
            case 1 -> ":60";
            default -> String.format(Locale.ROOT, ":%02d", RANDOM.nextInt(60));
        };
        int fraction = RANDOM.nextInt(3) == 0 ? RANDOM.nextInt(11) : 0;
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < fraction; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        String dot = fraction > 0 || RANDOM.nextInt(50) == 0 ? "." : "";
        return String.format(Locale.ROOT, "%c%02d:%02d%s%s%s", t, hour, minute, seconds, dot, digits);
    }

    private static String offset() {
        return switch (RANDOM.nextInt(12)) {
            case 0 -> "z";
            case 1 -> "";
            case 2 -> "+0530";
            case 3 -> "+05:30:15";
            case 4 -> "Z trailing";
            case 5, 6 -> "Z";
            default -> String.format(Locale.ROOT, "%c%02d:%02d", RANDOM.nextBoolean() ? '+' : '-', RANDOM.nextInt(20),
                    RANDOM.nextInt(10) == 0 ? 60 : RANDOM.nextInt(60));
        };
    }

    private static int pick(int[] values) {
        return values[RANDOM.nextInt(values.length)];
    }
}
