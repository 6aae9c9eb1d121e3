package io.netharness.simulator.internal;

import io.netharness.core.Format;
import java.time.Duration;

/**
 * Validation helpers for the value types; every failure names the field and the valid range, Netty style:
 * {@code loss: 1.5 (expected: 0.0-1.0)}.
 */
public final class Check {

    private Check() {
    }

    /** Requires {@code 0.0 <= value <= 1.0} (NaN refused). */
    public static double probability(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0.0-1.0)");
        }
        return value;
    }

    /** Requires a non-null, non-negative duration. */
    public static Duration nonNegative(String field, Duration value) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + ": " + Format.duration(value) + " (expected: >= 0)");
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }
}
