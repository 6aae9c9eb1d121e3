package io.netharness.junit.internal;

/**
 * Attached as a suppressed exception to what a failed test threw, so that the seed and the way to replay it
 * appear right under the failure in every console and report. Carries no stack trace of its own.
 */
public final class ReplayHint extends RuntimeException {

    /** A hint with the given text. */
    public ReplayHint(String message) {
        super(message, null, false, false);
    }
}
