package io.netharness.benchmarks.hop;

import io.netharness.core.Transport;
import io.netharness.simulator.Link;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;

/**
 * NetHarness simulated links as hops, configured as a user would: builder defaults (own event loops,
 * epoll when available), a fixed seed so impaired runs draw the same delays every time.
 */
final class NetHarnessHops {

    private static final long SEED = 42;

    private NetHarnessHops() {
    }

    static Hop tcp(InetSocketAddress target, Impairment impairment) {
        TcpLink link = TcpLink.builder().target(target).seed(SEED).profile(profile(impairment)).build().start();
        return new LinkHop(link);
    }

    static Hop tcpOnSharedLoops(InetSocketAddress target) {
        return new LinkHop(TcpLink.builder().target(target).seed(SEED).eventLoopGroup(Transport.sharedGroup())
                .build().start());
    }

    static Hop udp(InetSocketAddress target, Impairment impairment) {
        UdpLink link = UdpLink.builder().target(target).seed(SEED).profile(profile(impairment)).build().start();
        return new LinkHop(link);
    }

    /** The same impairment in both directions, as the other hops apply it. */
    static LinkProfile profile(Impairment impairment) {
        LinkProfile profile = LinkProfile.PERFECT;
        if (!impairment.latency().isZero()) {
            profile = profile.withLatency(Latency.of(impairment.latency(), impairment.jitter()));
        }
        if (impairment.bytesPerSecond() > 0) {
            profile = profile.withBandwidth(Bandwidth.ofBytesPerSecond(impairment.bytesPerSecond()));
        }
        return profile;
    }

    private record LinkHop(Link link) implements Hop {
        @Override
        public InetSocketAddress address() {
            return link.address();
        }

        @Override
        public void close() {
            link.close();
        }
    }
}
