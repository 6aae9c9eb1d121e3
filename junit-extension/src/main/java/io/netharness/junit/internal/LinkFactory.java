package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import io.netharness.simulator.LinkProfile;
import io.netharness.simulator.SimulatedLink;
import io.netharness.simulator.TcpLink;
import java.net.InetSocketAddress;

/** Builds and starts the simulator's links; the only class that knows their builders. */
final class LinkFactory {

    private LinkFactory() {}

    /** Whether links of this protocol can be built with this simulator. */
    static boolean supports(Protocol protocol) {
        return protocol == Protocol.TCP;
    }

    /** Whether links of this protocol can record a pcap file with this simulator. */
    static boolean supportsCapture(Protocol protocol) {
        return false;
    }

    static SimulatedLink open(Protocol protocol, InetSocketAddress target, long seed, LinkProfile upstream,
            LinkProfile downstream) {
        if (protocol != Protocol.TCP) {
            throw new IllegalArgumentException("unsupported protocol " + protocol);
        }
        TcpLink link = TcpLink.builder().target(target).seed(seed).upstream(upstream).downstream(downstream)
                .build();
        try {
            return link.start();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }
}
