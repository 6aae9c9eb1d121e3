package io.netharness.toxiproxy.internal;

import io.netharness.core.Transport;
import io.netharness.simulator.Direction;
import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.channel.EventLoopGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The production engine: each TCP proxy is a simulator {@link TcpLink}, each UDP proxy a {@link UdpLink}; all
 * links share one event loop group of
 * two threads, so creating and deleting thousands of proxies costs no threads.
 *
 * <p>Toxics map onto the simulator as follows: {@code latency} and {@code bandwidth} become each connection's
 * {@link LinkProfile} in the direction ({@link ProfileToxics}, {@link TcpLink#profiles}), so that toxicity and
 * bandwidth act per connection as in Toxiproxy (a UDP proxy's profile covers the whole proxy); {@code slow_close}, {@code timeout}, {@code reset_peer},
 * {@code limit_data} and {@code slicer} become connection faults ({@link TcpFaultToxics}); a disabled proxy
 * has no link at all, so connections are refused, as in Toxiproxy.
 */
public final class SimulatorLinkEngine implements LinkEngine {

    private static final int THREADS = 2;
    private static final long SHUTDOWN_SECONDS = 10;

    // Epoll where available: NIO defers closing a registered socket to the selector's next wake-up, so a deleted
    // proxy's port could still be taken for a moment; epoll releases it when the close completes.
    private final EventLoopGroup group = Transport.newEventLoopGroup(THREADS, "netharness-toxiproxy-link");

    @Override
    public RunningLink open(LinkRequest request) throws BindException {
        if (request.protocol() == ProxyProtocol.UDP) {
            UdpLink link = UdpLink.builder()
                    .listen(request.listen())
                    .target(resolved(request.upstream()))
                    .seed(request.seed())
                    .eventLoopGroup(group)
                    .build();
            return started(ProxyLink.udp(link), request);
        }
        TcpLink.Builder builder = TcpLink.builder()
                .listen(request.listen())
                .target(request.upstream())
                .seed(request.seed())
                .eventLoopGroup(group);
        if (request.refuseWhileUpstreamRefuses()) {
            builder.refuseWhileTargetRefuses();
        }
        return started(ProxyLink.tcp(builder.build()), request);
    }

    /**
     * Installs the request's toxics on the link before it listens, so that no connection is ever accepted without
     * them (Toxiproxy #148, #79), then starts it. A toxic the simulator refuses leaves nothing listening.
     */
    private static ProxyLink started(ProxyLink running, LinkRequest request) throws BindException {
        try {
            running.toxics(request.toxics());
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        start(running.link);
        return running;
    }

    /**
     * TCP resolves the upstream at each connection, as Toxiproxy does; datagrams need an address to be sent to, so
     * a UDP proxy resolves it once, when it starts.
     */
    private static InetSocketAddress resolved(InetSocketAddress upstream) {
        if (!upstream.isUnresolved()) {
            return upstream;
        }
        InetSocketAddress resolved = new InetSocketAddress(upstream.getHostString(), upstream.getPort());
        if (resolved.isUnresolved()) {
            throw ApiError.badRequestBody("upstream: \"" + upstream.getHostString() + ":" + upstream.getPort()
                    + "\" (expected: host:port; unknown host)");
        }
        return resolved;
    }

    private static void start(InProcessLink link) throws BindException {
        try {
            link.start();
        } catch (Exception e) { // Netty's sync() rethrows the bind's IOException undeclared
            link.close();
            BindException bind = bindFailure(e);
            if (bind != null) {
                throw bind;
            }
            throw e;
        }
    }

    /** Netty rethrows the bind failure itself; epoll wraps it in its own IOException with the errno text. */
    private static BindException bindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Address already in use")) {
                return (BindException) new BindException(cause.getMessage()).initCause(cause);
            }
        }
        return null;
    }

    /** Runs the serve warm-up ({@link EngineWarmup}) through this engine, once per JVM; true when it ran now. */
    @Override
    public boolean warmUp() {
        return EngineWarmup.ensure(this);
    }

    @Override
    public void close() {
        if (!group.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_SECONDS + 5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the proxies' event loops did not stop within " + SHUTDOWN_SECONDS + " s");
        }
    }

    /**
     * A proxy's link: latency, bandwidth and the packet toxics shape each direction's profile; on TCP the connection
     * toxics also become faults, kept in step by {@link TcpFaultToxics} (datagrams have no connections to fault).
     */
    private static final class ProxyLink implements RunningLink {

        private final InProcessLink link;
        private final TcpLink tcpLink;
        private final TcpFaultToxics faults;

        private ProxyLink(InProcessLink link, TcpLink tcpLink) {
            this.link = link;
            this.tcpLink = tcpLink;
            this.faults = tcpLink == null ? null : new TcpFaultToxics(tcpLink);
        }

        static ProxyLink udp(UdpLink link) {
            return new ProxyLink(link, null);
        }

        static ProxyLink tcp(TcpLink link) {
            return new ProxyLink(link, link);
        }

        @Override
        public InetSocketAddress address() {
            return link.address();
        }

        @Override
        public synchronized void toxics(List<Toxic> toxics) {
            long seed = link.seed();
            for (Direction direction : Direction.values()) {
                if (tcpLink == null) {
                    link.profile(direction, ProfileToxics.profile(LinkProfile.PERFECT, direction, toxics, seed, 0));
                } else {
                    // Each connection its own chain, as in Toxiproxy: toxicity picks per connection, bandwidth caps
                    // each connection separately.
                    List<Toxic> chain = List.copyOf(toxics);
                    tcpLink.profiles(direction,
                            index -> ProfileToxics.profile(LinkProfile.PERFECT, direction, chain, seed, index));
                }
            }
            if (faults != null) {
                faults.apply(toxics);
            }
        }

        @Override
        public LinkStatistics statistics() {
            return link.statistics();
        }

        @Override
        public void close() {
            link.close();
        }

        @Override
        public String toString() {
            return link.toString();
        }
    }
}
