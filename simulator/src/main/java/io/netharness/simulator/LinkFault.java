package io.netharness.simulator;

/**
 * A fault of any kind of link: a {@link Trigger} (when) composed with an {@link Effect} (what). A TCP link takes
 * {@link ConnectionFault}s, a datagram link {@link DatagramFault}s; both are what a {@link FaultHandle} reports.
 */
public sealed interface LinkFault permits ConnectionFault, DatagramFault {

    /** When the effect acts. */
    Trigger trigger();

    /** What it does. */
    Effect effect();
}
