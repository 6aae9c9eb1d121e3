package io.netharness.simulator.internal.tcp;

import java.util.concurrent.TimeUnit;

/**
 * How long to sleep on an event loop to meet a deadline precisely. Netty's epoll loop sleeps on a timerfd with
 * nanosecond resolution for short waits, but for waits of 10 ms or more it uses epoll_wait's millisecond timeout,
 * which wakes up to a millisecond late (measured: median 0.5 ms). Sleeping until {@value #MARGIN_MILLIS} ms before a
 * far deadline and then again for the rest makes the final wait a short, precise one. The caller's task must
 * therefore tolerate running early: it checks the time and sleeps again for what is left.
 */
final class WakeUp {

    static final long MARGIN_MILLIS = 2;
    private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(MARGIN_MILLIS);
    private static final long SHORT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private WakeUp() {
    }

    /** The delay to schedule now for a deadline {@code remainingNanos} away. */
    static long delayNanos(long remainingNanos) {
        return remainingNanos > SHORT_WAIT_NANOS ? remainingNanos - MARGIN_NANOS : Math.max(0, remainingNanos);
    }
}
