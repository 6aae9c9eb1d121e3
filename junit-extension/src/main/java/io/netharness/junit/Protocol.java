package io.netharness.junit;

import io.netharness.core.servers.ServerKind;

/** The transport a {@link SimulatedLink @SimulatedLink} carries. */
public enum Protocol {
    /**
     * Chosen from the declared type ({@code TcpLink}, {@code UdpLink} or {@code MulticastLink}), else from the
     * target server (a UDP kind means UDP, MULTICAST_SINK multicast), else TCP.
     */
    AUTO,
    /** A TCP link: connections to {@code link.address()} are relayed to the target. */
    TCP,
    /** A UDP link: datagrams sent to {@code link.address()} are relayed to the target, replies come back. */
    UDP,
    /**
     * A multicast link: it joins a group (its {@code address()}, where the code under test sends) and re-sends
     * what it hears, impaired, to one receiver (the target). Chosen for {@code MulticastLink} fields and for links
     * to a {@link ServerKind#MULTICAST_SINK}.
     */
    MULTICAST
}
