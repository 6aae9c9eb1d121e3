package io.netharness.simulator.internal.udp;

import io.netharness.core.Format;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.Relay;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The machinery of a UDP link: a front socket the clients send to, one socket per client towards the target
 * ({@link ClientSessions}), a link-side socket per other upstream peer that answered ({@link PeerSockets}), and one
 * {@link ImpairedPath} per direction shared by all of them, so the decisions of a direction follow the order in which
 * datagrams reach the link, whichever socket they arrive on. Everything runs on one event loop.
 */
public final class UdpRelay implements Relay {

    private static final System.Logger LOG = System.getLogger(UdpRelay.class.getName());
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final InetSocketAddress listen;
    private final InetSocketAddress target;
    private final long seed;
    private final EventLoopGroup suppliedGroup;
    private final Path captureFile;
    private final int maxQueued;
    private final long sessionIdleNanos;
    private final boolean peerAddresses;
    private io.netty.util.concurrent.ScheduledFuture<?> sweeper;
    private final DirectionCounters upstreamCounters = new DirectionCounters();
    private final DirectionCounters downstreamCounters = new DirectionCounters();
    private final PendingFlushes flushes = new PendingFlushes();
    private final KernelDrops kernelDrops = new KernelDrops();
    private final Object lock = new Object();
    // Set in start(); the profiles and the observer wait here until then.
    private LinkProfile upstreamProfile;
    private LinkProfile downstreamProfile;
    private volatile boolean cut;
    private FateObserver observer = FateObserver.NONE;
    private RelayLoop resources;
    private EventLoop loop;
    private ImpairedPath upstream;
    private ImpairedPath downstream;
    private volatile Channel front;
    private PeerSockets peers;
    private ClientSessions sessions;

    public UdpRelay(InetSocketAddress listen, InetSocketAddress target, long seed, LinkProfile upstreamProfile,
            LinkProfile downstreamProfile, EventLoopGroup suppliedGroup, Path captureFile, int maxQueued,
            Duration sessionIdleTimeout, boolean peerAddresses) {
        this.sessionIdleNanos = sessionIdleTimeout == null ? 0 : sessionIdleTimeout.toNanos();
        this.peerAddresses = peerAddresses;
        this.listen = listen;
        this.target = target;
        this.seed = seed;
        this.upstreamProfile = upstreamProfile;
        this.downstreamProfile = downstreamProfile;
        this.suppliedGroup = suppliedGroup;
        this.captureFile = captureFile;
        this.maxQueued = maxQueued;
    }

    /** Creates the event loop (unless supplied) and the capture, binds the front socket; returns its address. */
    public InetSocketAddress start() throws InterruptedException {
        synchronized (lock) {
            resources = RelayLoop.open(suppliedGroup, "netharness-udplink", captureFile, "UdpLink");
            loop = resources.loop();
            upstream = new ImpairedPath(Direction.UPSTREAM, loop, Seeds.derive(seed, "udp/upstream"),
                    upstreamProfile, System::nanoTime, maxQueued, resources.capture(), upstreamCounters, flushes);
            downstream = new ImpairedPath(Direction.DOWNSTREAM, loop, Seeds.derive(seed, "udp/downstream"),
                    downstreamProfile, System::nanoTime, maxQueued, resources.capture(), downstreamCounters, flushes);
            upstream.observer(observer);
            downstream.observer(observer);
            upstream.cut(cut);
            downstream.cut(cut);
        }
        Bootstrap bootstrap = Datagrams.configure(new Bootstrap().group(loop)
                .channelFactory(UdpTransport.channelFactory(resources.group(), listen.getAddress()))
                .handler(new FrontHandler()));
        ChannelFuture bind = bootstrap.bind(listen);
        if (!bind.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !bind.isSuccess()) {
            Throwable cause = bind.cause();
            closeQuietly();
            throw new IllegalStateException("UdpLink cannot bind " + Format.address(listen)
                    + (cause != null ? ": " + cause.getMessage() : " within 10 s"), cause);
        }
        front = bind.channel();
        kernelDrops.watch(front, Direction.UPSTREAM);
        peers = new PeerSockets(loop, resources.group(), ((InetSocketAddress) front.localAddress()).getAddress(),
                flushes, kernelDrops, this::fromClientToPeer);
        sessions = new ClientSessions(loop, resources.group(), target, front, flushes, kernelDrops, ReplyHandler::new);
        // Ready for the first client before start() returns; if the spare is late, the client binds its own.
        sessions.prepareSpare().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (sessionIdleNanos > 0) {
            long period = Math.max(sessionIdleNanos / 4, 1_000_000);
            sweeper = loop.scheduleAtFixedRate(this::expireIdleSessions, period, period, TimeUnit.NANOSECONDS);
        }
        return (InetSocketAddress) front.localAddress();
    }

    public LinkProfile profile(Direction direction) {
        synchronized (lock) {
            ImpairedPath path = direction == Direction.UPSTREAM ? upstream : downstream;
            if (path != null) {
                return path.profile();
            }
            return direction == Direction.UPSTREAM ? upstreamProfile : downstreamProfile;
        }
    }

    public void profile(Direction direction, LinkProfile profile) {
        synchronized (lock) {
            ImpairedPath path = direction == Direction.UPSTREAM ? upstream : downstream;
            if (path != null) {
                path.profile(profile);
            } else if (direction == Direction.UPSTREAM) {
                upstreamProfile = profile;
            } else {
                downstreamProfile = profile;
            }
        }
    }

    /** The link's counters, with the kernel's drops at the front socket (upstream) and the session sockets. */
    public LinkStatistics statistics() {
        Map<Direction, Long> beforeLink = kernelDrops.totals();
        return new LinkStatistics(upstreamCounters.snapshot(beforeLink.get(Direction.UPSTREAM)),
                downstreamCounters.snapshot(beforeLink.get(Direction.DOWNSTREAM)));
    }

    public void observer(FateObserver newObserver) {
        synchronized (lock) {
            observer = newObserver;
            if (upstream != null) {
                upstream.observer(newObserver);
                downstream.observer(newObserver);
            }
        }
    }

    public void cut(CutMode mode) {
        synchronized (lock) {
            cut = true;
            if (upstream == null) {
                return;
            }
            upstream.cut(true);
            downstream.cut(true);
        }
        if (mode == CutMode.DROP_EXISTING && !loop.isShuttingDown()) {
            onLoop(() -> {
                upstream.discardInFlight();
                downstream.discardInFlight();
                closeSessions();
                return null;
            });
        }
    }

    public void heal() {
        synchronized (lock) {
            cut = false;
            if (upstream != null) {
                upstream.cut(false);
                downstream.cut(false);
            }
        }
    }

    public boolean isCut() {
        return cut;
    }

    /** Client sessions (client addresses with their own socket towards the target). */
    public int sessions() {
        if (loop == null || loop.isShuttingDown()) {
            return 0;
        }
        return onLoop(() -> sessions == null ? 0 : sessions.size());
    }

    /**
     * Upstream peer addresses other than the target that have a link-side address of their own, and that address
     * (empty unless peer addresses are on).
     */
    public Map<InetSocketAddress, InetSocketAddress> peerAddresses() {
        if (loop == null || loop.isShuttingDown()) {
            return Map.of();
        }
        return onLoop(() -> peers == null ? Map.of() : peers.addresses());
    }

    /** Copies in flight in both directions. */
    public int inFlight() {
        if (loop == null || loop.isShuttingDown()) {
            return 0;
        }
        return onLoop(() -> upstream.inFlight() + downstream.inFlight());
    }

    /** Closes every socket, releases every queued datagram, stops own threads, closes the capture. */
    public void close() throws InterruptedException {
        if (loop == null) {
            return; // never started: nothing was created
        }
        if (loop.inEventLoop()) {
            throw new IllegalStateException("UdpLink.close() must not be called on the link's event loop");
        }
        try {
            if (!loop.isShuttingDown()) {
                Future<List<ChannelFuture>> closing = loop.submit(() -> {
                    if (sweeper != null) {
                        sweeper.cancel(false);
                    }
                    upstream.close();
                    downstream.close();
                    List<ChannelFuture> closes = closeSessions();
                    if (sessions != null) {
                        closes.add(sessions.closeSpare());
                    }
                    if (front != null) {
                        kernelDrops.retire(front);
                        closes.add(front.close());
                    }
                    return closes;
                });
                if (!closing.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("UdpLink did not close within 10 s");
                }
                for (ChannelFuture close : closing.getNow()) {
                    close.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } finally {
            resources.release();
        }
        upstreamCounters.requireNothingInFlight("UDP link to " + Format.address(target) + ", upstream");
        downstreamCounters.requireNothingInFlight("UDP link to " + Format.address(target) + ", downstream");
    }

    private void closeQuietly() throws InterruptedException {
        try {
            close();
        } catch (RuntimeException ignored) {
            // start() reports the bind failure, which matters more
        }
    }

    private List<ChannelFuture> closeSessions() {
        List<ChannelFuture> closes = new ArrayList<>();
        if (sessions != null) {
            closes.addAll(sessions.closeAll());
        }
        if (peers != null) {
            closes.addAll(peers.closeAll());
        }
        return closes;
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            if (loop.inEventLoop()) {
                return task.call();
            }
            return loop.submit(task).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("UdpLink's event loop did not answer within 10 s", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Forgets sessions and peer sockets with no traffic either way for the idle timeout, as a NAT does. */
    private void expireIdleSessions() {
        long now = System.nanoTime();
        sessions.expireIdle(now, sessionIdleNanos);
        peers.expireIdle(now, sessionIdleNanos);
    }

    /** A datagram a client sent to the link-side address of {@code peer}: on to that peer, from the client's session. */
    private void fromClientToPeer(PeerSocket peer, DatagramPacket packet) {
        long now = System.nanoTime();
        if (upstream.isCut()) {
            upstream.refuse(packet.content().retain(), now);
            return;
        }
        ClientSession session = sessions.of(packet.sender());
        session.socket().touch(now);
        peer.socket().touch(now);
        upstream.accept(packet.content().retain(), session.toPeer(peer.peer()));
    }

    /**
     * Where a reply from {@code sender} goes back to the session's client: from the link's address if it came from
     * the target (or peer addresses are off, or too many exist), else from the link-side address of that peer.
     */
    private Outlet back(ClientSession session, InetSocketAddress sender, long now) {
        if (!peerAddresses || sender.equals(target)) {
            return session.toClient();
        }
        PeerSocket peer = peers.forPeer(sender, now);
        return peer == null ? session.toClient() : peer.toClient(session.client());
    }

    /** Datagrams from clients. */
    private final class FrontHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (upstream.isCut()) {
                // No new sessions while cut; the datagram is counted as dropped.
                upstream.refuse(packet.content().retain(), System.nanoTime());
                return;
            }
            ClientSession session = sessions.of(packet.sender());
            session.socket().touch(System.nanoTime());
            upstream.accept(packet.content().retain(), session.toTarget());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushes.flush(); // the burst's datagrams that left at once, one sendmmsg per session socket
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A datagram socket outlives errors (e.g. ICMP unreachable); keep it, but never hide the error.
            LOG.log(Level.WARNING, () -> "UdpLink " + Format.address(listen) + " -> " + Format.address(target)
                    + ": error on the client-facing socket", cause);
        }
    }

    /** Datagrams from the target (or another upstream peer) to one client's session socket. */
    private final class ReplyHandler extends SimpleChannelInboundHandler<DatagramPacket>
            implements ClientSessions.Replies {
        private ClientSession session;

        @Override
        public void adopt(ClientSession owner) {
            this.session = owner;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (session == null) {
                return; // a stray datagram to a spare socket no client was given; released by the superclass
            }
            long now = System.nanoTime();
            session.socket().touch(now);
            downstream.accept(packet.content().retain(), back(session, packet.sender(), now));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushes.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.WARNING, () -> "UdpLink -> " + Format.address(target) + ": error on the socket of "
                    + (session == null ? "no client yet (a spare)" : "client " + Format.address(session.client())),
                    cause);
        }
    }
}
