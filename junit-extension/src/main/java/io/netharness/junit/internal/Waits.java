package io.netharness.junit.internal;

import java.util.function.IntSupplier;

/** Bounded waits on conditions nothing can notify us about. */
final class Waits {

    private static final long POLL_MILLIS = 5;

    private Waits() {}

    /** Polls {@code value} until it is 0 or {@code deadlineNanos} passes; returns the last value read. */
    static int untilZero(IntSupplier value, long deadlineNanos) {
        int last = value.getAsInt();
        Object monitor = new Object();
        while (last > 0 && System.nanoTime() < deadlineNanos) {
            synchronized (monitor) {
                try {
                    monitor.wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return last;
                }
            }
            last = value.getAsInt();
        }
        return last;
    }
}
