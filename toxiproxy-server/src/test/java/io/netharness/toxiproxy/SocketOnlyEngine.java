package io.netharness.toxiproxy;

import io.netharness.simulator.DelayHistogram;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import io.netharness.toxiproxy.internal.LinkEngine;
import io.netharness.toxiproxy.internal.ProxyProtocol;
import io.netharness.toxiproxy.internal.Toxic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LinkEngine} for tests of the HTTP layer: it binds a real socket (so address-in-use and port release
 * are real) but forwards nothing, and remembers the proxies it opened and the toxics it was given.
 */
final class SocketOnlyEngine implements LinkEngine {

    private static final DelayHistogram NO_DELAYS = new DelayHistogram() {
        @Override
        public long count() {
            return 0;
        }

        @Override
        public Duration min() {
            return Duration.ZERO;
        }

        @Override
        public Duration max() {
            return Duration.ZERO;
        }

        @Override
        public Duration mean() {
            return Duration.ZERO;
        }

        @Override
        public Duration percentile(double percentile) {
            return Duration.ZERO;
        }
    };

    final AtomicInteger open = new AtomicInteger();
    volatile List<Toxic> lastToxics = List.of();
    /** The name of every proxy opened, in order. */
    final List<String> opened = new CopyOnWriteArrayList<>();
    /** The name of every toxic given, at an open or later, in order. */
    final List<String> toxicNames = new CopyOnWriteArrayList<>();
    private final boolean warmedNow;

    SocketOnlyEngine() {
        this(false);
    }

    /** @param warmedNow what {@link #warmUp()} says: true as an engine warmed just now, so the server warms its API */
    SocketOnlyEngine(boolean warmedNow) {
        this.warmedNow = warmedNow;
    }

    @Override
    public boolean warmUp() {
        return warmedNow;
    }

    @Override
    public RunningLink open(LinkRequest request) throws BindException {
        opened.add(request.name());
        try {
            Channel channel;
            InetSocketAddress bound;
            if (request.protocol() == ProxyProtocol.UDP) {
                DatagramChannel datagram = DatagramChannel.open();
                channel = datagram;
                bind(() -> datagram.bind(request.listen()), channel);
                bound = (InetSocketAddress) datagram.getLocalAddress();
            } else {
                ServerSocketChannel server = ServerSocketChannel.open();
                channel = server;
                bind(() -> server.bind(request.listen()), channel);
                bound = (InetSocketAddress) server.getLocalAddress();
            }
            given(request.toxics());
            open.incrementAndGet();
            return new SocketLink(channel, bound);
        } catch (BindException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void given(List<Toxic> toxics) {
        lastToxics = toxics;
        toxics.forEach(toxic -> toxicNames.add(toxic.name()));
    }

    private static void bind(IoAction bind, Channel channel) throws IOException {
        try {
            bind.run();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() {
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private final class SocketLink implements RunningLink {
        private final Channel channel;
        private final InetSocketAddress address;

        SocketLink(Channel channel, InetSocketAddress address) {
            this.channel = channel;
            this.address = address;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void toxics(List<Toxic> toxics) {
            given(toxics);
        }

        @Override
        public LinkStatistics statistics() {
            DirectionStatistics none = new DirectionStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), NO_DELAYS);
            return new LinkStatistics(none, none);
        }

        @Override
        public void close() {
            try {
                channel.close();
                open.decrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
