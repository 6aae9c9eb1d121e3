package io.netharness.it.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** Measures how long real clients take; used for lower bounds, which a busy machine cannot make flaky. */
public final class Timing {

    private Timing() {}

    /** Runs {@code action} and returns how long it took. */
    public static Duration time(ThrowingRunnable action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The median duration of {@code samples} runs of {@code action}. */
    public static Duration median(int samples, ThrowingRunnable action) throws Exception {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            nanos[i] = time(action).toNanos();
        }
        Arrays.sort(nanos);
        return Duration.ofNanos(nanos[samples / 2]);
    }

    /** Runs {@code action}, which must throw, and returns how long it took to throw and what. */
    public static Failure timeFailure(Callable<?> action) {
        long start = System.nanoTime();
        try {
            Object result = action.call();
            throw new AssertionError("expected a failure, but the call returned " + result);
        } catch (Exception e) {
            return new Failure(e, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** An exception and the time the call took to throw it. */
    public record Failure(Exception exception, Duration elapsed) {}

    /** A {@link Runnable} that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
