package io.netharness.core.servers;

/** What a {@link HarnessServer} (and the JUnit extension's {@code @InProcessServer}) does with what it receives. */
public enum ServerKind {
    /** TCP: writes every byte it reads back to the same connection; records what it received. */
    ECHO,
    /** TCP: reads and discards everything; records what it received. */
    SINK,
    /** TCP: a multi-client server whose connections are served by the user's protocol handlers. */
    HANDLER,
    /** UDP: sends every datagram back to its sender; records what it received. */
    UDP_ECHO,
    /** UDP: receives and discards datagrams; records what it received. */
    UDP_SINK,
    /**
     * Multicast: joins a group on the loopback interface, on a free port, and records what is sent to it; its
     * address is the group and port to send to. Set the group with {@link HarnessServer#multicastSink} or {@code @InProcessServer(group = ...)}.
     */
    MULTICAST_SINK;

    /** Whether the server speaks UDP (so links to it carry UDP). */
    public boolean isUdp() {
        return this == UDP_ECHO || this == UDP_SINK || this == MULTICAST_SINK;
    }
}
