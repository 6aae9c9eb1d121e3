package io.netharness.benchmarks.lineup;

/** Where a contender's proxy runs relative to the load generator and the endpoint (both in the suite's JVM). */
public enum Layout {
    /** No proxy at all. */
    NONE("-"),
    /** In the suite's JVM, beside the load generator and the endpoint. */
    IN_PROCESS("this JVM"),
    /** In a process of its own, as users run a standalone proxy. */
    STANDALONE("own process");

    private final String label;

    Layout(String label) {
        this.label = label;
    }

    /** The report's name for it. */
    public String label() {
        return label;
    }
}
