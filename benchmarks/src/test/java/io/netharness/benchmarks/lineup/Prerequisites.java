package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.NotMeasured;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A contender this machine cannot run (no gcc, say) skips a test locally, with the reason, and fails it on CI; and
 * the lock of the tests that use the proxies a suite run shares.
 */
public final class Prerequisites {

    /** The lock of every test that uses the standalone proxies a suite run shares ({@link SharedProxies}). */
    public static final String SHARED_PROXIES = "netharness-benchmarks-shared-proxies";

    private Prerequisites() {
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static <T> T available(Supplier<T> start) {
        try {
            return start.get();
        } catch (NotMeasured e) {
            if (onCi()) {
                throw new AssertionError(e.getMessage() + " (CI=true: a missing prerequisite fails the build"
                        + " instead of skipping; .ci/setup-tools installs it)", e);
            }
            Assumptions.abort(e.getMessage() + " (skipped; with CI=true it would fail)");
            throw e;
        }
    }
}
