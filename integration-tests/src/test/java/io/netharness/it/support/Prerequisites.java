package io.netharness.it.support;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from the machine (a server binary, a Docker engine) is missing: on a
 * developer's machine it is skipped with a message naming the remedy; under CI ({@code CI=true}) it fails, so a
 * broken CI machine can never turn the integration tests into a row of silent skips.
 */
public final class Prerequisites {

    private Prerequisites() {}

    /** True when the environment variable {@code CI} is {@code true} (as {@code .ci/run} and most CI systems set it). */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test, or fails it on CI. Never returns normally; declared to return an exception so callers
     * can write {@code throw Prerequisites.missing(...)} and the compiler knows the path ends.
     *
     * @param what   what is missing, e.g. {@code "redis-server (Debian package redis-server)"}
     * @param remedy how to get it, e.g. {@code "run: sudo bash .ci/setup-tools"}
     */
    public static RuntimeException missing(String what, String remedy) {
        String message = what + " is not available on this machine; " + remedy;
        if (onCi()) {
            throw new AssertionError(message + " (CI=true: a missing prerequisite fails the build instead of skipping)");
        }
        Assumptions.abort(message + " (test skipped; with CI=true it would fail)");
        throw new AssertionError("unreachable");
    }
}
