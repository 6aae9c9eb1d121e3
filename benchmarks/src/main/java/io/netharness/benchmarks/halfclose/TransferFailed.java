package io.netharness.benchmarks.halfclose;

/** A half-close case that did not deliver the payload intact, with what went wrong. */
public final class TransferFailed extends Exception {

    /** How a transfer failed. */
    public enum Kind {
        /** A clean end of stream came before all bytes (or the digest differs): data was lost silently. */
        TRUNCATED,
        /** The connection was reset or broke: the loss was visible to the application. */
        RESET,
        /** Nothing completed within the timeout. */
        TIMEOUT
    }

    private final Kind kind;

    public TransferFailed(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
