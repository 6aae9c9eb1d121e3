package io.netharness.simulator;

import java.util.Optional;

/**
 * A fault in force on a link, as returned by {@link TcpLink#addFault(Direction, ConnectionFault, double)} or
 * {@link UdpLink#addFault(Direction, DatagramFault)}; {@link #remove()} takes it away again.
 *
 * <p>Thread-safe. Removing a fault stops its effect on every connection from the next chunk on, cancels its
 * pending timers (a reset or timeout that has not fired yet never fires), closes its open windows (a hang releases
 * what it held, a refusing link listens again) and lets data flow normally again; what the fault already did
 * (discarded data, closed connections) stays done.
 */
public interface FaultHandle {

    /** The direction the fault acts on; empty for a fault on both directions or on the link itself. */
    Optional<Direction> direction();

    /** The fault itself: a {@link ConnectionFault} on a TCP link, a {@link DatagramFault} on a datagram link. */
    LinkFault fault();

    /** The share of connections it affects, 0.0-1.0, chosen per connection by the link's seed. */
    double toxicity();

    /** True until {@link #remove()} is called or the link is closed. */
    boolean isActive();

    /** Takes the fault off the link and all its connections; idempotent. */
    void remove();
}
