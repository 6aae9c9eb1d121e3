package io.netharness.simulator.internal.udp;

import io.netharness.core.Format;
import io.netharness.simulator.CutMode;
import io.netharness.simulator.Direction;
import io.netharness.simulator.DirectionStatistics;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.Relay;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The machinery of a multicast link: a socket that joins the group (bound to the group address and port with
 * SO_REUSEADDR, so any number of links and real members can share it), one {@link ImpairedPath}, and a socket
 * that re-sends each impaired copy to the receiver's own address (unicast, or a relay group on the same
 * interface). Everything on one event loop.
 */
public final class MulticastRelay implements Relay {

    private static final System.Logger LOG = System.getLogger(MulticastRelay.class.getName());
    private static final long TIMEOUT_SECONDS = 10;

    private final InetSocketAddress group;
    private final NetworkInterface networkInterface;
    private final InetSocketAddress receiver;
    private final long seed;
    private final EventLoopGroup suppliedGroup;
    private final Path captureFile;
    private final int maxQueued;
    private final DirectionCounters counters = new DirectionCounters();
    private final DirectionCounters unused = new DirectionCounters();
    private final PendingFlushes flushes = new PendingFlushes();
    private final KernelDrops kernelDrops = new KernelDrops();
    private final Object lock = new Object();
    private LinkProfile profile;
    private LinkProfile downstreamProfile = LinkProfile.PERFECT;
    private FateObserver observer = FateObserver.NONE;
    private volatile boolean cut;
    private RelayLoop resources;
    private EventLoop loop;
    private ImpairedPath path;
    private volatile Channel member;
    private volatile Channel sender;

    public MulticastRelay(InetSocketAddress group, NetworkInterface networkInterface, InetSocketAddress receiver,
            long seed, LinkProfile profile, EventLoopGroup suppliedGroup, Path captureFile, int maxQueued) {
        this.group = group;
        this.networkInterface = networkInterface;
        this.receiver = receiver;
        this.seed = seed;
        this.profile = profile;
        this.suppliedGroup = suppliedGroup;
        this.captureFile = captureFile;
        this.maxQueued = maxQueued;
    }

    /** Joins the group and opens the sending socket; returns the group address with the port bound. */
    public InetSocketAddress start() throws InterruptedException {
        synchronized (lock) {
            resources = RelayLoop.open(suppliedGroup, "netharness-mcastlink", captureFile, "MulticastLink");
            loop = resources.loop();
            path = new ImpairedPath(Direction.UPSTREAM, loop, Seeds.derive(seed, "multicast/upstream"), profile,
                    System::nanoTime, maxQueued, resources.capture(), counters, flushes);
            path.observer(observer);
            path.cut(cut);
        }
        try {
            sender = await(Datagrams.configure(new Bootstrap().group(loop)
                    .channelFactory(UdpTransport.channelFactory(resources.group(), receiver.getAddress()))
                    .option(ChannelOption.IP_MULTICAST_IF, networkInterface)
                    .option(ChannelOption.IP_MULTICAST_TTL, 1)
                    .handler(new Discard()))
                    .bind(Datagrams.localBindFor(receiver)), "open the sending socket").channel();
            Channel joined = await(Datagrams.configure(new Bootstrap().group(loop)
                    .channelFactory(UdpTransport.channelFactory(resources.group(), group.getAddress()))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new MemberHandler()))
                    .bind(group), "bind " + Format.address(group)).channel();
            member = joined;
            kernelDrops.watch(joined, Direction.UPSTREAM);
            InetSocketAddress bound = (InetSocketAddress) joined.localAddress();
            await(((DatagramChannel) joined).joinGroup(new InetSocketAddress(group.getAddress(), bound.getPort()),
                    networkInterface), "join " + group.getAddress().getHostAddress() + " on "
                    + networkInterface.getName());
            return new InetSocketAddress(group.getAddress(), bound.getPort());
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ChannelFuture await(ChannelFuture future, String what) throws InterruptedException {
        if (!future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("MulticastLink could not " + what + " within 10 s");
        }
        if (!future.isSuccess()) {
            throw new IllegalStateException("MulticastLink could not " + what + ": " + future.cause().getMessage(),
                    future.cause());
        }
        return future;
    }

    public LinkProfile profile(Direction direction) {
        synchronized (lock) {
            if (direction == Direction.DOWNSTREAM) {
                return downstreamProfile;
            }
            return path != null ? path.profile() : profile;
        }
    }

    public void profile(Direction direction, LinkProfile newProfile) {
        synchronized (lock) {
            if (direction == Direction.DOWNSTREAM) {
                downstreamProfile = newProfile;
            } else if (path != null) {
                path.profile(newProfile);
            } else {
                profile = newProfile;
            }
        }
    }

    public void observer(FateObserver newObserver) {
        synchronized (lock) {
            observer = newObserver;
            if (path != null) {
                path.observer(newObserver);
            }
        }
    }

    /** The path's counters, with the kernel's drops at the group socket before the link read them. */
    public LinkStatistics statistics() {
        DirectionStatistics none = unused.snapshot();
        return new LinkStatistics(counters.snapshot(kernelDrops.totals().get(Direction.UPSTREAM)), none);
    }

    public void cut(CutMode mode) {
        synchronized (lock) {
            cut = true;
            if (path == null) {
                return;
            }
            path.cut(true);
        }
        if (mode == CutMode.DROP_EXISTING && !loop.isShuttingDown()) {
            try {
                loop.submit(path::discardInFlight).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException("MulticastLink could not discard datagrams in flight", e);
            }
        }
    }

    public void heal() {
        synchronized (lock) {
            cut = false;
            if (path != null) {
                path.cut(false);
            }
        }
    }

    public boolean isCut() {
        return cut;
    }

    public void close() throws InterruptedException {
        if (loop == null) {
            return;
        }
        if (loop.inEventLoop()) {
            throw new IllegalStateException("MulticastLink.close() must not be called on the link's event loop");
        }
        try {
            if (!loop.isShuttingDown()) {
                Future<?> closing = loop.submit(() -> {
                    path.close();
                    if (member != null) {
                        kernelDrops.retire(member);
                        member.close();
                    }
                    if (sender != null) {
                        sender.close();
                    }
                });
                if (!closing.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("MulticastLink did not close within 10 s");
                }
                if (member != null) {
                    member.closeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                if (sender != null) {
                    sender.closeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } finally {
            resources.release();
        }
        counters.requireNothingInFlight("multicast link of " + Format.address(group));
    }

    /** Datagrams sent to the group. */
    private final class MemberHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            path.accept(packet.content().retain(),
                    Outlet.of(datagram -> flushes.writeIfOpen(sender, new DatagramPacket(datagram, receiver)),
                            packet.sender(), receiver));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushes.flush(); // the burst's datagrams that left at once, with one sendmmsg
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A datagram socket outlives errors; keep it, but never hide the error.
            LOG.log(Level.WARNING, () -> "MulticastLink " + Format.address(group) + " -> " + Format.address(receiver)
                    + ": error on the group socket", cause);
        }
    }

    /** The sending socket reads nothing of interest; whatever arrives is dropped. */
    private static final class Discard extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // released by SimpleChannelInboundHandler
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.WARNING, "MulticastLink: error on the sending socket", cause);
        }
    }
}
