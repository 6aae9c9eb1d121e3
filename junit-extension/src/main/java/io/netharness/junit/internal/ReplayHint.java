package io.netharness.junit.internal;

/**
 * Attached as a suppressed exception to what a failed test threw, so that the seeds, the way to replay them and the
 * profile and statistics of every link the test could see appear right under the failure in every console and
 * report, whatever logging is set up. Carries no stack trace of its own.
 */
public final class ReplayHint extends RuntimeException {

    /** A hint with the given text. */
    public ReplayHint(String message) {
        super(message, null, false, false);
    }
}
