package io.netharness.simulator.internal.model;

/**
 * Token bucket for a {@link io.netharness.simulator.profile.Bandwidth}, kept as a "theoretical arrival time" (GCRA):
 * nanosecond precise, without drift (the fractional nanosecond of each chunk is carried to the next) and
 * without a timer. Time is passed in by the caller.
 *
 * <p>{@link #reserve(int, long)} answers when a chunk may start to leave: at once while the bucket holds
 * {@code burstBytes} worth of credit, otherwise after the chunks before it have been paid for. With
 * {@code burstBytes = 0} a chunk may start when the previous one has finished, and {@link #busyUntil()} is
 * the moment its last byte is out. Single-threaded.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long burstNanos;
    private long busyUntil = Long.MIN_VALUE;
    private long remainder; // carried fraction of a nanosecond, in units of 1 / bytesPerSecond ns

    /**
     * @param bytesPerSecond the rate, {@code > 0}
     * @param burstBytes     how many bytes may leave back to back after an idle period, {@code >= 0}
     */
    public TokenBucket(long bytesPerSecond, long burstBytes) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: > 0)");
        }
        if (burstBytes < 0) {
            throw new IllegalArgumentException("burstBytes: " + burstBytes + " (expected: >= 0)");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burstNanos = costNanosRoundedUp(burstBytes, bytesPerSecond);
    }

    /**
     * Books {@code bytes} and returns the time (same clock as {@code nowNanos}) at which they may start to
     * leave; never earlier than {@code nowNanos}.
     */
    public long reserve(int bytes, long nowNanos) {
        long start = busyUntil == Long.MIN_VALUE ? nowNanos : Math.max(nowNanos, busyUntil - burstNanos);
        long from = busyUntil == Long.MIN_VALUE ? nowNanos : Math.max(nowNanos, busyUntil);
        // bytes <= 2^31 and 1e9 < 2^30: the product fits a long.
        long scaled = (long) bytes * NANOS_PER_SECOND + remainder;
        busyUntil = from + scaled / bytesPerSecond;
        remainder = scaled % bytesPerSecond;
        return start;
    }

    /** When the last reserved byte has left (with no burst allowance). */
    public long busyUntil() {
        return busyUntil;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    private static long costNanosRoundedUp(long bytes, long bytesPerSecond) {
        if (bytes > Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE / 4; // "unbounded burst" without overflowing later subtractions
        }
        return (bytes * NANOS_PER_SECOND + bytesPerSecond - 1) / bytesPerSecond;
    }
}
