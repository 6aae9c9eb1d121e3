package io.netharness.junit;

/** The transport a {@link SimulatedLink @SimulatedLink} carries. */
public enum Protocol {
    /**
     * Chosen from the declared type ({@code TcpLink} or {@code UdpLink}), else from the target server
     * ({@code @InProcessServer} of a UDP kind means UDP), else TCP.
     */
    AUTO,
    /** A TCP link: connections to {@code link.address()} are relayed to the target. */
    TCP,
    /** A UDP link: datagrams sent to {@code link.address()} are relayed to the target, replies come back. */
    UDP
}
