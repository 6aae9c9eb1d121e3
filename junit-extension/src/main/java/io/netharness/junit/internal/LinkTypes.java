package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import java.util.Optional;

/** The declared types a {@code @SimulatedLink} can be injected into, and the protocol each one implies. */
final class LinkTypes {

    static final String SIMULATED_LINK = "io.netharness.simulator.SimulatedLink";
    static final String TCP_LINK = "io.netharness.simulator.TcpLink";
    static final String UDP_LINK = "io.netharness.simulator.UdpLink";

    /** What messages say is valid. */
    static final String VALID = "SimulatedLink, TcpLink or UdpLink (of io.netharness.simulator)";

    private LinkTypes() {}

    /**
     * The protocol the declared type implies: {@code TCP} for TcpLink, {@code UDP} for UdpLink, {@code AUTO}
     * for the SimulatedLink interface, empty for any other type.
     */
    static Optional<Protocol> protocolOf(Class<?> type) {
        return switch (type.getName()) {
            case TCP_LINK -> Optional.of(Protocol.TCP);
            case UDP_LINK -> Optional.of(Protocol.UDP);
            case SIMULATED_LINK -> Optional.of(Protocol.AUTO);
            default -> Optional.empty();
        };
    }
}
