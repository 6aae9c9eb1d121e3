package io.netharness.benchmarks.hop;

import java.net.InetSocketAddress;
import java.time.Duration;

/** Opens the hop of a {@link Variant} in front of an endpoint. */
public final class Hops {

    private Hops() {
    }

    public static Hop tcp(Variant variant, InetSocketAddress target, Impairment impairment) {
        return switch (variant) {
            case DIRECT -> direct(target, impairment);
            case NETCRUSHER -> NetCrusherHops.tcp(target, impairment, NetCrusherHops.TCP_DEFAULT_BUFFERS);
            case NETHARNESS -> NetHarnessHops.tcp(target, impairment);
        };
    }

    /**
     * A TCP hop for the scale measurement. NetCrusher's default queues hold 4 MiB per connection, which
     * thousands of connections cannot afford, so it gets 2 x 16 KiB per direction here.
     */
    public static Hop tcpForScale(Variant variant, InetSocketAddress target) {
        if (variant == Variant.NETCRUSHER) {
            return NetCrusherHops.tcp(target, Impairment.NONE, new NetCrusherHops.TcpBuffers(2, 16 * 1024));
        }
        return tcp(variant, target, Impairment.NONE);
    }

    /** A NetHarness TCP link on harness-core's shared event loops instead of two threads of its own. */
    public static Hop tcpOnSharedLoops(InetSocketAddress target) {
        return NetHarnessHops.tcpOnSharedLoops(target);
    }

    public static Hop udp(Variant variant, InetSocketAddress target, Impairment impairment) {
        return switch (variant) {
            case DIRECT -> direct(target, impairment);
            case NETCRUSHER -> NetCrusherHops.udp(target, impairment);
            case NETHARNESS -> NetHarnessHops.udp(target, impairment);
        };
    }

    /**
     * The timer floor of a delaying UDP hop: a plain relay whose sending thread sleeps until each datagram's
     * arrival plus {@code delay} (see {@link SleepingUdpRelay}).
     */
    public static Hop sleepingUdpRelay(InetSocketAddress target, Duration delay) {
        return new SleepingUdpRelay(target, delay);
    }

    private static Hop direct(InetSocketAddress target, Impairment impairment) {
        if (!impairment.isNone()) {
            throw new NotMeasured("direct loopback cannot be impaired");
        }
        return new Direct(target);
    }

    private record Direct(InetSocketAddress address) implements Hop {
        @Override
        public void close() {
        }
    }
}
