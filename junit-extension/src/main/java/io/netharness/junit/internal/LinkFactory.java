package io.netharness.junit.internal;

import io.netharness.core.Transport;
import io.netharness.junit.Protocol;
import io.netharness.simulator.LinkProfile;
import io.netharness.simulator.SimulatedLink;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds and starts the simulator's links; the only class that knows their builders. Links run on harness-core's
 * shared event loops: a test's link then costs no threads of its own (half the set-up time, and hundreds of
 * parallel tests do not start hundreds of threads); closing a link still releases its channels and buffers.
 */
final class LinkFactory {

    private LinkFactory() {}

    /** Whether links of this protocol can be built with this simulator. */
    static boolean supports(Protocol protocol) {
        return protocol == Protocol.TCP || protocol == Protocol.UDP;
    }

    static SimulatedLink open(Protocol protocol, InetSocketAddress target, long seed, LinkProfile upstream,
            LinkProfile downstream, Optional<Path> capture) {
        SimulatedLink link;
        if (protocol == Protocol.UDP) {
            UdpLink.Builder builder = UdpLink.builder().target(target).seed(seed).upstream(upstream)
                    .downstream(downstream).eventLoopGroup(Transport.sharedGroup());
            capture.ifPresent(builder::capture);
            link = builder.build();
        } else if (protocol == Protocol.TCP) {
            TcpLink.Builder builder = TcpLink.builder().target(target).seed(seed).upstream(upstream)
                    .downstream(downstream).eventLoopGroup(Transport.sharedGroup());
            capture.ifPresent(builder::capture);
            link = builder.build();
        } else {
            throw new IllegalArgumentException("unsupported protocol " + protocol);
        }
        try {
            return link.start();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }
}
