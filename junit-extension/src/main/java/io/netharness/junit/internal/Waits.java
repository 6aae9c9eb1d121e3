package io.netharness.junit.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** Bounded waits on conditions nothing can notify us about. */
final class Waits {

    /**
     * The first pause. A link closes a connection within a fraction of a millisecond of its client, so a fixed 5 ms
     * poll made every test whose link had carried a connection wait about 5 ms for nothing.
     */
    static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Pauses double up to this, so a long wait costs little CPU. */
    static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Waits() {}

    /** Polls {@code value} until it is 0 or {@code deadlineNanos} passes; returns the last value read. */
    static int untilZero(IntSupplier value, long deadlineNanos) {
        int last = value.getAsInt();
        for (int attempt = 0; last > 0 && System.nanoTime() - deadlineNanos < 0; attempt++) {
            LockSupport.parkNanos(Math.min(pauseNanos(attempt), Math.max(1, deadlineNanos - System.nanoTime())));
            if (Thread.currentThread().isInterrupted()) {
                return value.getAsInt();
            }
            last = value.getAsInt();
        }
        return last;
    }

    /** The pause before poll {@code attempt} + 1: 50 µs, doubling, at most 5 ms. */
    static long pauseNanos(int attempt) {
        return attempt >= 7 ? LONGEST_PAUSE_NANOS : Math.min(LONGEST_PAUSE_NANOS, FIRST_PAUSE_NANOS << attempt);
    }
}
