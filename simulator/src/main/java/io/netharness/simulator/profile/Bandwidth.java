package io.netharness.simulator.profile;

import io.netharness.simulator.Link;

/**
 * Rate limit of one direction of a link, as a token bucket whose depth is one datagram (or chunk): a
 * datagram of {@code n} bytes leaves {@code n / bytesPerSecond} after the previous one finished, and waits
 * in order behind it. Queueing adds to the {@link Latency}.
 *
 * @param bytesPerSecond the rate; {@code > 0}, or {@link Long#MAX_VALUE} for {@link #UNLIMITED}
 */
public record Bandwidth(long bytesPerSecond) {

    /** No rate limit. */
    public static final Bandwidth UNLIMITED = new Bandwidth(Long.MAX_VALUE);

    /** Refuses zero and negative rates: a link that never sends is {@link Link#cut()}. */
    public Bandwidth {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth: " + bytesPerSecond
                    + " bytes/s (expected: > 0, or Bandwidth.UNLIMITED)");
        }
    }

    /** A rate in bytes per second. */
    public static Bandwidth ofBytesPerSecond(long bytesPerSecond) {
        return new Bandwidth(bytesPerSecond);
    }

    /** A rate in kilobits (1000 bits) per second, the unit links are usually sold in. */
    public static Bandwidth ofKilobitsPerSecond(long kilobitsPerSecond) {
        if (kilobitsPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth: " + kilobitsPerSecond
                    + " kbit/s (expected: > 0, or Bandwidth.UNLIMITED)");
        }
        return new Bandwidth(Math.max(1, kilobitsPerSecond * 1000 / 8));
    }

    /** True for {@link #UNLIMITED}. */
    public boolean isUnlimited() {
        return bytesPerSecond == Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "Bandwidth.UNLIMITED" : "Bandwidth[" + bytesPerSecond + " bytes/s]";
    }
}
