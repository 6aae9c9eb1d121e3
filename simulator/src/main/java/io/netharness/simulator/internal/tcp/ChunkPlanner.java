package io.netharness.simulator.internal.tcp;

import io.netty.buffer.ByteBuf;

/**
 * Decides, for each chunk read in one direction of one connection, when it may be delivered: the timing part of
 * a {@link io.netharness.simulator.profile.LinkProfile} (latency, bandwidth, loss shown as a retransmission stall) and,
 * when asked for, corruption.
 *
 * <p>Threads: called on the connection's event loop only, so implementations keep plain mutable state.
 */
interface ChunkPlanner {

    /** True while the profile changes nothing, so chunks may be relayed at once without planning. */
    boolean isTransparent();

    /**
     * Plans one chunk that arrived at {@code nowNanos}; may flip a bit of {@code chunk} in place (corruption).
     *
     * @return the delivery time in ticker nanoseconds, at least {@code nowNanos}
     */
    long plan(ByteBuf chunk, long nowNanos);
}
