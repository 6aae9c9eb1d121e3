package io.netharness.benchmarks.hop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.netcrusher.NetCrusher;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.DelayThrottler;
import org.netcrusher.core.throttle.Throttler;
import org.netcrusher.core.throttle.ThrottlerFactory;
import org.netcrusher.core.throttle.rate.ByteRateThrottler;
import org.netcrusher.datagram.DatagramCrusherBuilder;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * NetCrusher 0.10 hops, configured as a user would: one {@link NioReactor} per hop with its default
 * 20 ms tick, defaults everywhere else unless a scenario cannot afford them (see {@link TcpBuffers}).
 */
final class NetCrusherHops {

    /** NetCrusher's own TCP defaults: 64 buffers of 32 KiB per direction, i.e. 4 MiB per connection. */
    static final TcpBuffers TCP_DEFAULT_BUFFERS = new TcpBuffers(64, 32 * 1024);

    /** Per-connection queue of a NetCrusher TCP pair, in each direction. */
    record TcpBuffers(int count, int size) {
    }

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final int BIND_ATTEMPTS = 5;

    private NetCrusherHops() {
    }

    static Hop tcp(InetSocketAddress target, Impairment impairment, TcpBuffers buffers) {
        return onAFreePort(NetCrusherHops::freeLoopbackAddress, bind -> openTcp(bind, target, impairment, buffers));
    }

    static Hop udp(InetSocketAddress target, Impairment impairment) {
        return onAFreePort(NetCrusherHops::freeLoopbackUdpAddress, bind -> openUdp(bind, target, impairment));
    }

    /**
     * Opens a hop on a port found free a moment before; if something else took that port in between (an
     * ephemeral port of a parallel test's connection, say), tries another, up to {@value #BIND_ATTEMPTS} times.
     */
    private static Hop onAFreePort(Supplier<InetSocketAddress> freePorts, Function<InetSocketAddress, Hop> open) {
        RuntimeException lastFailure = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                return open.apply(freePorts.get());
            } catch (RuntimeException e) {
                if (!causedByBindFailure(e)) {
                    throw e;
                }
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static Hop openTcp(InetSocketAddress bind, InetSocketAddress target, Impairment impairment,
            TcpBuffers buffers) {
        NioReactor reactor = newReactor();
        try {
            TcpCrusherBuilder builder = TcpCrusherBuilder.builder()
                    .withReactor(reactor)
                    .withBindAddress(bind)
                    .withConnectAddress(target)
                    .withTcpNoDelay(true)
                    .withBufferCount(buffers.count())
                    .withBufferSize(buffers.size());
            if (!impairment.isNone()) {
                // Outgoing is client -> server, incoming server -> client (NetCrusher's outer -> inner).
                builder.withOutgoingThrottlerFactory(throttlers(impairment))
                        .withIncomingThrottlerFactory(throttlers(impairment));
            }
            return new NetCrusherHop(builder.buildAndOpen(), reactor);
        } catch (RuntimeException e) {
            reactor.close();
            throw e;
        }
    }

    private static Hop openUdp(InetSocketAddress bind, InetSocketAddress target, Impairment impairment) {
        NioReactor reactor = newReactor();
        try {
            DatagramCrusherBuilder builder = DatagramCrusherBuilder.builder()
                    .withReactor(reactor)
                    .withBindAddress(bind)
                    .withConnectAddress(target)
                    .withRcvBufferSize(4 * 1024 * 1024)
                    .withSndBufferSize(4 * 1024 * 1024);
            if (!impairment.isNone()) {
                builder.withOutgoingThrottlerFactory(throttlers(impairment))
                        .withIncomingGlobalThrottler(throttlers(impairment).allocate(target));
            }
            return new NetCrusherHop(builder.buildAndOpen(), reactor);
        } catch (RuntimeException e) {
            reactor.close();
            throw e;
        }
    }

    private static ThrottlerFactory throttlers(Impairment impairment) {
        if (impairment.bytesPerSecond() > 0) {
            return client -> new ByteRateThrottler(impairment.bytesPerSecond(), 1, TimeUnit.SECONDS);
        }
        long latency = impairment.latency().toNanos();
        long jitter = impairment.jitter().toNanos();
        // NetCrusher adds a uniform random value in [0, jitter) to a constant: latency ± jitter is
        // constant latency - jitter plus a random part of up to 2 x jitter.
        return client -> (Throttler) new DelayThrottler(latency - jitter, 2 * jitter, TimeUnit.NANOSECONDS);
    }

    private static NioReactor newReactor() {
        try {
            return new NioReactor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NetCrusher 0.10 cannot bind port 0 and report it back reliably, so ask the kernel for a free port first. */
    private static InetSocketAddress freeLoopbackAddress() {
        try (var socket = new java.net.ServerSocket()) {
            socket.bind(ANY_LOOPBACK_PORT);
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetSocketAddress freeLoopbackUdpAddress() {
        try (var socket = new java.net.DatagramSocket(ANY_LOOPBACK_PORT)) {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record NetCrusherHop(NetCrusher crusher, NioReactor reactor) implements Hop {
        @Override
        public InetSocketAddress address() {
            return crusher.getBindAddress();
        }

        @Override
        public void close() {
            try {
                crusher.close();
            } finally {
                reactor.close();
            }
        }
    }
}
