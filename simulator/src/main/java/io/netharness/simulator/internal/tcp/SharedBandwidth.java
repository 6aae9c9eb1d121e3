package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.internal.model.TokenBucket;
import io.netharness.simulator.profile.Bandwidth;

/**
 * The bottleneck of one direction of a TCP link, shared by all its connections (they compete for it as flows on
 * one real link do). A {@link TokenBucket} without burst: a chunk leaves when the chunks booked before it, from
 * any connection, have left.
 *
 * <p>Threads: connections on several event loops book here, so access is synchronized; a booking is a few
 * arithmetic operations.
 */
final class SharedBandwidth {

    private Bandwidth bandwidth = Bandwidth.UNLIMITED;
    private TokenBucket bucket;

    /**
     * Books {@code bytes} arriving at {@code nowNanos} and returns when their last byte has left the bottleneck.
     * A changed {@code current} rate starts a fresh bucket.
     */
    synchronized long departure(Bandwidth current, int bytes, long nowNanos) {
        if (current.isUnlimited()) {
            return nowNanos;
        }
        if (!current.equals(bandwidth) || bucket == null) {
            bandwidth = current;
            bucket = new TokenBucket(current.bytesPerSecond(), 0);
        }
        bucket.reserve(bytes, nowNanos);
        return bucket.busyUntil();
    }
}
