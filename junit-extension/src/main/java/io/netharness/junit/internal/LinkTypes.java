package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import java.util.Optional;

/** The declared types a {@code @SimulatedLink} can be injected into, and the protocol each one implies. */
final class LinkTypes {

    static final String SIMULATED_LINK = "io.netharness.simulator.Link";
    static final String TCP_LINK = "io.netharness.simulator.TcpLink";
    static final String UDP_LINK = "io.netharness.simulator.UdpLink";
    static final String MULTICAST_LINK = "io.netharness.simulator.MulticastLink";
    /** A TCP link that must be a proxy on a Toxiproxy server (an optional dependency, so named, not imported). */
    static final String TOXIPROXY_LINK = "io.netharness.toxiproxy.ToxiproxyLink";

    /** What messages say is valid. */
    static final String VALID = "Link, TcpLink, UdpLink or MulticastLink (of io.netharness.simulator)"
            + " or ToxiproxyLink (of io.netharness.toxiproxy)";

    private LinkTypes() {}

    /**
     * The protocol the declared type implies: {@code TCP} for TcpLink and ToxiproxyLink, {@code UDP} for
     * UdpLink, {@code AUTO} for the Link interface, empty for any other type.
     */
    static Optional<Protocol> protocolOf(Class<?> type) {
        return switch (type.getName()) {
            case TCP_LINK, TOXIPROXY_LINK -> Optional.of(Protocol.TCP);
            case UDP_LINK -> Optional.of(Protocol.UDP);
            case MULTICAST_LINK -> Optional.of(Protocol.MULTICAST);
            case SIMULATED_LINK -> Optional.of(Protocol.AUTO);
            default -> Optional.empty();
        };
    }

    /** True if a link of the declared type must be served by Toxiproxy (see {@code ToxiproxyBackend}). */
    static boolean requiresToxiproxy(Class<?> type) {
        return type.getName().equals(TOXIPROXY_LINK);
    }

    /** True if a TCP link of the declared type goes to Toxiproxy when one is configured, else stays in-process. */
    static boolean mayUseToxiproxy(Class<?> type) {
        return type.getName().equals(SIMULATED_LINK);
    }
}
