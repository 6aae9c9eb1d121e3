package io.netharness.simulator.internal.udp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.internal.model.DatagramFate;

/** Sees every decision a datagram path makes, in decision order; a test hook. Runs on the link's event loop. */
@FunctionalInterface
public interface FateObserver {

    /** No-op. */
    FateObserver NONE = (direction, bytes, arrivalNanos, fate) -> { };

    /**
     * @param direction    the path
     * @param bytes        payload bytes that arrived
     * @param arrivalNanos arrival time on the path's clock
     * @param fate         the decision; {@code null} when the datagram was refused before deciding (cut link,
     *                     full queue)
     */
    void decided(Direction direction, int bytes, long arrivalNanos, DatagramFate fate);
}
