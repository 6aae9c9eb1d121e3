package io.netharness.benchmarks.hop;

/** Thrown when a variant cannot be measured in this build; the report prints the reason instead of a number. */
public final class NotMeasured extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotMeasured(String reason) {
        super(reason, null, false, false);
    }
}
