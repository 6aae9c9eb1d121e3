package io.netharness.junit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human-readable quantities of the annotations: durations such as {@code "20ms"} and rates such as
 * {@code "1MB/s"} or {@code "10Mbit/s"}.
 *
 * <p>Durations: a non-negative decimal number, optional blanks, then one of {@code ns}, {@code us} (or
 * {@code µs}), {@code ms}, {@code s}, {@code m} (minutes); {@code "0"} alone is also accepted. A value must be
 * a whole number of nanoseconds.
 *
 * <p>Rates: a positive decimal number, optional blanks, then a unit. Byte units are decimal, as for network
 * links: {@code B/s}, {@code KB/s} (1000 B/s), {@code MB/s}, {@code GB/s}; the binary {@code KiB/s}, {@code MiB/s},
 * {@code GiB/s} are powers of 1024. Bit units are {@code bit/s}, {@code kbit/s}, {@code Mbit/s}, {@code Gbit/s}
 * (powers of 1000). Rates are rounded down to whole bytes per second and must be at least 1 B/s.
 *
 * <p>Every failure is a {@link QuantityFormatException} whose {@link QuantityFormatException#expected()} says
 * what would have been valid, so that callers can name the attribute that held the value.
 */
public final class Quantities {

    /** What a valid duration looks like, phrased to follow "requires that `x` be ". */
    public static final String DURATION_FORMAT =
            "a duration: a number followed by ns, us, ms, s or m, such as \"20ms\"";

    /** What a valid rate looks like, phrased to follow "requires that `x` be ". */
    public static final String RATE_FORMAT = "a rate of at least 1 B/s: a number followed by B/s, KB/s, MB/s,"
            + " GB/s, KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s or Gbit/s, such as \"1MB/s\"";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(\\S*)");

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L);

    private static final Map<String, BigDecimal> BYTES_PER_UNIT = Map.ofEntries(
            Map.entry("b/s", BigDecimal.ONE),
            Map.entry("kb/s", BigDecimal.valueOf(1_000L)),
            Map.entry("mb/s", BigDecimal.valueOf(1_000_000L)),
            Map.entry("gb/s", BigDecimal.valueOf(1_000_000_000L)),
            Map.entry("kib/s", BigDecimal.valueOf(1L << 10)),
            Map.entry("mib/s", BigDecimal.valueOf(1L << 20)),
            Map.entry("gib/s", BigDecimal.valueOf(1L << 30)),
            Map.entry("bit/s", new BigDecimal("0.125")),
            Map.entry("kbit/s", BigDecimal.valueOf(125L)),
            Map.entry("mbit/s", BigDecimal.valueOf(125_000L)),
            Map.entry("gbit/s", BigDecimal.valueOf(125_000_000L)));

    private Quantities() {}

    /**
     * Parses a duration such as {@code "20ms"}, {@code "1.5s"} or {@code "250 us"}.
     *
     * @throws QuantityFormatException if the text is not a non-negative whole number of nanoseconds in one
     *     of the accepted units
     */
    public static Duration parseDuration(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = NUMBER_AND_UNIT.matcher(trimmed);
        Long nanosPerUnit = matcher.matches() ? NANOS_PER_UNIT.get(matcher.group(2)) : null;
        if (nanosPerUnit == null) {
            throw new QuantityFormatException(text, DURATION_FORMAT);
        }
        try {
            BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException notWholeOrTooLarge) {
            throw new QuantityFormatException(text, DURATION_FORMAT + ", a whole number of nanoseconds");
        }
    }

    /**
     * Parses a rate such as {@code "1MB/s"} or {@code "10 Mbit/s"} into bytes per second.
     *
     * @throws QuantityFormatException if the text is not a rate in one of the accepted units, or is below
     *     1 B/s
     */
    public static long parseBytesPerSecond(String text) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(text.trim());
        BigDecimal bytesPerUnit = matcher.matches()
                ? BYTES_PER_UNIT.get(caseFolded(matcher.group(2)))
                : null;
        if (bytesPerUnit == null) {
            throw new QuantityFormatException(text, RATE_FORMAT);
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(bytesPerUnit)
                .setScale(0, RoundingMode.DOWN);
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            throw new QuantityFormatException(text, RATE_FORMAT);
        }
        return bytes.longValueExact();
    }

    /** "MB/s" and "Mbit/s" differ by case only in the B, so bits keep their spelling and bytes fold. */
    private static String caseFolded(String unit) {
        if (unit.endsWith("bit/s")) {
            return unit.equals("Mbit/s") || unit.equals("Gbit/s") || unit.equals("kbit/s") || unit.equals("bit/s")
                    ? unit.toLowerCase(Locale.ROOT)
                    : "?";
        }
        return unit.endsWith("B/s") ? unit.toLowerCase(Locale.ROOT) : "?";
    }
}
