package io.netharness.benchmarks.pertest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of a fixture class through the JUnit Platform launcher, as a build tool runs a user's tests, and what each
 * of its tests cost as the user's test sees it. Test i (from the second on; the first pays for the class's own
 * set-up) is timed from the end of test i-1 (the launcher reports it finished, its clean-up done) to:
 * the start of its body (set-up: instance, injected link), the end of its body (the exchange), and the launcher
 * reporting it finished (tear-down: the link closed and checked).
 *
 * @param setup    nanoseconds per test from the previous test's end to the body's start
 * @param body     nanoseconds of each body (connect and one exchange through the link)
 * @param teardown nanoseconds per test from the body's end to the test's end
 * @param total    nanoseconds per test from the previous test's end to its own
 */
record FixtureRun(double[] setup, double[] body, double[] teardown, double[] total) {

    private static final Launcher LAUNCHER = LauncherFactory.create();

    /** Runs {@code fixture}'s {@code tests} tests with {@code parameters} as configuration; fails if one failed. */
    static FixtureRun of(Class<?> fixture, int tests, Map<String, String> parameters) {
        TestTimes.reset(tests);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .configurationParameters(parameters).build();
        Finishes finishes = new Finishes();
        LAUNCHER.execute(request, finishes);
        if (!finishes.failures.isEmpty()) {
            AssertionError failed = new AssertionError(fixture.getSimpleName() + ": " + finishes.failures.size()
                    + " of " + tests + " tests failed; the first: " + finishes.failures.get(0).getThrowable()
                    .map(Throwable::toString).orElse("no cause"));
            finishes.failures.get(0).getThrowable().ifPresent(failed::initCause);
            throw failed;
        }
        List<long[]> bodies = TestTimes.bodies();
        if (bodies.size() != tests || finishes.times.size() != tests) {
            throw new IllegalStateException(fixture.getSimpleName() + ": " + bodies.size() + " bodies and "
                    + finishes.times.size() + " tests finished (expected: " + tests + " each)");
        }
        int timed = tests - 1;
        double[] setup = new double[timed];
        double[] body = new double[timed];
        double[] teardown = new double[timed];
        double[] total = new double[timed];
        for (int i = 1; i < tests; i++) {
            long previousEnd = finishes.times.get(i - 1);
            long[] own = bodies.get(i);
            setup[i - 1] = own[0] - previousEnd;
            body[i - 1] = own[1] - own[0];
            teardown[i - 1] = finishes.times.get(i) - own[1];
            total[i - 1] = finishes.times.get(i) - previousEnd;
        }
        return new FixtureRun(setup, body, teardown, total);
    }

    /** When each test was reported finished, in order, and the failures. */
    private static final class Finishes implements TestExecutionListener {
        final List<Long> times = new ArrayList<>();
        final List<TestExecutionResult> failures = new ArrayList<>();

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            long now = System.nanoTime();
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures.add(result);
            }
            if (test.isTest()) {
                times.add(now);
            }
        }
    }
}
