package io.netharness.toxiproxy.internal.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Parses the units the command line accepts: durations, rates and probabilities. */
final class Values {

    private Values() {
    }

    /** {@code 20ms}, {@code 1.5s}, {@code 250us}, {@code 0}; a bare number is milliseconds. */
    static Duration duration(String flag, String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        long nanosPerUnit;
        String number;
        if (lower.endsWith("ms")) {
            nanosPerUnit = 1_000_000L;
            number = lower.substring(0, lower.length() - 2);
        } else if (lower.endsWith("us")) {
            nanosPerUnit = 1_000L;
            number = lower.substring(0, lower.length() - 2);
        } else if (lower.endsWith("s")) {
            nanosPerUnit = 1_000_000_000L;
            number = lower.substring(0, lower.length() - 1);
        } else {
            nanosPerUnit = 1_000_000L;
            number = lower;
        }
        BigDecimal value = decimal(flag, text, number, "a duration such as 20ms, 1.5s or 250us");
        if (value.signum() < 0) {
            throw new UsageException(flag + ": " + text + " (expected: >= 0)");
        }
        return Duration.ofNanos(value.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
    }

    /** {@code 500KB/s}, {@code 2MB/s}, {@code 1000B/s}; a bare number is KB/s as in Toxiproxy. 1 KB = 1000 B. */
    static long kilobytesPerSecond(String flag, String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        String number = lower.endsWith("/s") ? lower.substring(0, lower.length() - 2) : lower;
        long bytesPerUnit = 1000;
        if (number.endsWith("mb")) {
            bytesPerUnit = 1_000_000;
            number = number.substring(0, number.length() - 2);
        } else if (number.endsWith("kb")) {
            number = number.substring(0, number.length() - 2);
        } else if (number.endsWith("b")) {
            bytesPerUnit = 1;
            number = number.substring(0, number.length() - 1);
        }
        BigDecimal bytes = decimal(flag, text, number, "a rate such as 500KB/s or 2MB/s")
                .multiply(BigDecimal.valueOf(bytesPerUnit));
        long kilobytes = bytes.divide(BigDecimal.valueOf(1000), java.math.RoundingMode.HALF_UP).longValue();
        if (kilobytes < 1) {
            throw new UsageException(flag + ": " + text + " (expected: at least 1KB/s; Toxiproxy's unit is KB/s)");
        }
        return kilobytes;
    }

    /** {@code 0.02} or {@code 2%}. */
    static double probability(String flag, String text) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        BigDecimal value = decimal(flag, text, percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed,
                "a probability such as 0.02 or 2%");
        double probability = percent ? value.doubleValue() / 100 : value.doubleValue();
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new UsageException(flag + ": " + text + " (expected: 0.0-1.0 or 0%-100%)");
        }
        return probability;
    }

    static int port(String flag, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + ": " + text + " (expected: 0-65535)");
    }

    private static BigDecimal decimal(String flag, String text, String number, String expected) {
        try {
            return new BigDecimal(number.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": " + text + " (expected: " + expected + ")");
        }
    }
}
