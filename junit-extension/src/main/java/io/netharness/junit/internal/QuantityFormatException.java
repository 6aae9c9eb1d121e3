package io.netharness.junit.internal;

/** A quantity ({@code "20ms"}, {@code "1MB/s"}) that could not be parsed; says what would have been valid. */
final class QuantityFormatException extends IllegalArgumentException {

    private final String expected;

    QuantityFormatException(String text, String expected) {
        super("\"" + text + "\" is not " + expected);
        this.expected = expected;
    }

    /** What a valid value looks like, phrased to follow "requires that `x` be ". */
    public String expected() {
        return expected;
    }
}
