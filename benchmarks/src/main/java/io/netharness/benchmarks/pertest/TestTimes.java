package io.netharness.benchmarks.pertest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the fixture tests record about themselves while the JUnit Platform runs them one after another: when each
 * test's body started and ended ({@link System#nanoTime()}), in the order they ran. The measurement sets how many
 * tests each fixture class has ({@link #runs()}) before it launches one.
 */
public final class TestTimes {

    private static final List<long[]> BODIES = new ArrayList<>();
    private static int tests = 1;

    private TestTimes() {
    }

    /** Clears what was recorded; the next fixture launched has {@code count} tests. */
    static synchronized void reset(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        BODIES.clear();
        tests = count;
    }

    /** The arguments of the fixtures' parameterized test: one invocation, a test of its own, per run. */
    public static synchronized IntStream runs() {
        return IntStream.range(0, tests);
    }

    /** A test body ran from {@code startNanos} to {@code endNanos}. */
    public static synchronized void body(long startNanos, long endNanos) {
        BODIES.add(new long[] {startNanos, endNanos});
    }

    /** The bodies recorded since {@link #reset}, {start, end} each, in the order they ran. */
    static synchronized List<long[]> bodies() {
        return new ArrayList<>(BODIES);
    }
}
