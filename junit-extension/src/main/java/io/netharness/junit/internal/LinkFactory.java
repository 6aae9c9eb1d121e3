package io.netharness.junit.internal;

import io.netharness.core.Transport;
import io.netharness.junit.Protocol;
import io.netharness.simulator.Link;
import io.netharness.simulator.MulticastLink;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds and starts the simulator's links; the only class that knows their builders. Links run on harness-core's
 * shared event loops: a test's link then costs no threads of its own (half the set-up time, and hundreds of
 * parallel tests do not start hundreds of threads); closing a link still releases its channels and buffers.
 */
final class LinkFactory {

    private static final InetAddress DEFAULT_GROUP = defaultGroup();

    private LinkFactory() {}

    private static InetAddress defaultGroup() {
        try {
            return InetAddress.getByName(io.netharness.junit.InProcessServer.DEFAULT_GROUP);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + io.netharness.junit.InProcessServer.DEFAULT_GROUP, e);
        }
    }

    /** Whether links of this protocol can be built with this simulator. */
    static boolean supports(Protocol protocol) {
        return protocol == Protocol.TCP || protocol == Protocol.UDP || protocol == Protocol.MULTICAST;
    }

    /**
     * A started link with {@code faults} in force from its first connection or datagram; the simulator's refusal
     * of a fault (an {@link IllegalArgumentException}) comes out of here before anything listens.
     */
    static Link open(Protocol protocol, InetSocketAddress target, long seed, LinkProfile upstream,
            LinkProfile downstream, Optional<Path> capture, List<FaultSpec> faults, boolean refuseWhileTargetRefuses) {
        Link link;
        if (protocol == Protocol.UDP) {
            UdpLink.Builder builder = UdpLink.builder().target(target).seed(seed).upstream(upstream)
                    .downstream(downstream).eventLoopGroup(Transport.sharedGroup());
            capture.ifPresent(builder::capture);
            for (FaultSpec fault : faults) {
                if (fault.direction() == null) {
                    builder.fault(fault.datagramFault());
                } else {
                    builder.fault(fault.direction(), fault.datagramFault());
                }
            }
            link = builder.build();
        } else if (protocol == Protocol.MULTICAST) {
            // The link joins the receiver's group (multicast receivers) or 239.255.77.77 (unicast ones) on a port of
            // its own, so that only what the code under test sends to link.address() reaches it.
            InetAddress group = target.getAddress().isMulticastAddress() ? target.getAddress()
                    : DEFAULT_GROUP;
            MulticastLink.Builder builder = MulticastLink.builder().group(new InetSocketAddress(group, 0))
                    .receiver(target).seed(seed).profile(upstream).eventLoopGroup(Transport.sharedGroup());
            capture.ifPresent(builder::capture);
            faults.forEach(fault -> builder.fault(fault.datagramFault()));
            link = builder.build();
        } else if (protocol == Protocol.TCP) {
            TcpLink.Builder builder = TcpLink.builder().target(target).seed(seed).upstream(upstream)
                    .downstream(downstream).eventLoopGroup(Transport.sharedGroup());
            capture.ifPresent(builder::capture);
            if (refuseWhileTargetRefuses) {
                builder.refuseWhileTargetRefuses();
            }
            for (FaultSpec fault : faults) {
                if (fault.direction() == null) {
                    builder.fault(fault.connectionFault(), fault.toxicity());
                } else {
                    builder.fault(fault.direction(), fault.connectionFault(), fault.toxicity());
                }
            }
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
