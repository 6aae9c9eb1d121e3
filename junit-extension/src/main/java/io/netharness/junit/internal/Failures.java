package io.netharness.junit.internal;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.TestAbortedException;

/**
 * Which ends of a test deserve a network report: real failures. A skip (a failed assumption) is not a failure, and
 * a misconfiguration (a bad annotation, a parameter nobody resolves) is not about the network, so neither gets
 * seeds, a replay hint or link statistics.
 */
public final class Failures {

    private Failures() {}

    /** Whether {@code thrown} ended the test in a way a seed and link statistics can help explain. */
    public static boolean deservesReport(Throwable thrown) {
        return !(thrown instanceof TestAbortedException) && !isMisconfiguration(thrown);
    }

    /** Whether the test of {@code context} failed in a way that {@link #deservesReport deserves a report}. */
    public static boolean deservesReport(ExtensionContext context) {
        Optional<Throwable> thrown = context.getExecutionException();
        return thrown.isPresent() && deservesReport(thrown.get());
    }

    /** An ExtensionConfigurationException or ParameterResolutionException, or an exception caused by one. */
    static boolean isMisconfiguration(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof ExtensionConfigurationException || t instanceof ParameterResolutionException) {
                return true;
            }
        }
        return false;
    }
}
