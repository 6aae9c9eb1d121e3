package io.netharness.simulator.internal.udp;

import io.netharness.core.Format;
import io.netharness.simulator.Direction;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link PeerSocket}s of a UDP link, one per upstream peer address other than the target, made when that peer
 * first answers a client. At most {@link #MAX} exist at once; beyond that replies from further peers come from the
 * link's own address (with one warning), so a server that answers from ever new ports cannot exhaust descriptors.
 * Event loop only, except {@link #addresses()} through the relay.
 */
final class PeerSockets {

    /** Peer sockets a link keeps at most. */
    static final int MAX = 1_024;

    private static final System.Logger LOG = System.getLogger(PeerSockets.class.getName());

    /** What the relay does with a datagram a client sent to a peer socket. */
    interface Arrivals {
        void fromClient(PeerSocket peer, DatagramPacket datagram);
    }

    private final EventLoop loop;
    private final EventLoopGroup group;
    private final InetSocketAddress bindAddress;
    private final PendingFlushes flushes;
    private final KernelDrops kernelDrops;
    private final Arrivals arrivals;
    private final Map<InetSocketAddress, PeerSocket> byPeer = new HashMap<>();
    private boolean warned;

    /** Peer sockets bound to {@code linkAddress} (the link's own address) on a port of their own each. */
    PeerSockets(EventLoop loop, EventLoopGroup group, InetAddress linkAddress, PendingFlushes flushes,
            KernelDrops kernelDrops, Arrivals arrivals) {
        this.loop = loop;
        this.group = group;
        this.bindAddress = new InetSocketAddress(linkAddress, 0);
        this.flushes = flushes;
        this.kernelDrops = kernelDrops;
        this.arrivals = arrivals;
    }

    /** The socket that stands for {@code peer}, made (and its bind started) if new; null when {@link #MAX} exist. */
    PeerSocket forPeer(InetSocketAddress peer, long nowNanos) {
        PeerSocket socket = byPeer.get(peer);
        if (socket != null) {
            socket.socket().touch(nowNanos);
            return socket;
        }
        if (byPeer.size() >= MAX) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "UdpLink has " + MAX + " peer addresses already; replies from " + peer
                        + " and further peers come from the link's own address");
            }
            return null;
        }
        PeerSocket created = new PeerSocket(peer, flushes, nowNanos);
        Bootstrap bootstrap = Datagrams.configure(new Bootstrap().group(loop)
                .channelFactory(UdpTransport.channelFactory(group, bindAddress.getAddress()))
                .handler(new FromClients(created)));
        created.socket().bindStarted(bootstrap.bind(bindAddress),
                bound -> kernelDrops.watch(bound, Direction.UPSTREAM));
        byPeer.put(peer, created);
        return created;
    }

    /** Upstream peer to the link-side address standing for it, for the sockets bound so far. */
    Map<InetSocketAddress, InetSocketAddress> addresses() {
        Map<InetSocketAddress, InetSocketAddress> addresses = new LinkedHashMap<>();
        byPeer.forEach((peer, socket) -> {
            InetSocketAddress address = socket.socket().address();
            if (address != null) {
                addresses.put(peer, address);
            }
        });
        return addresses;
    }

    /** Closes the sockets idle for {@code idleNanos} or more, as a NAT forgets a mapping. */
    void expireIdle(long nowNanos, long idleNanos) {
        LinkSideSocket.expireIdle(byPeer.values(), PeerSocket::socket, kernelDrops, nowNanos, idleNanos);
    }

    /** Closes every peer socket; returns the close futures. */
    List<ChannelFuture> closeAll() {
        List<ChannelFuture> closes = LinkSideSocket.closeAll(byPeer.values(), PeerSocket::socket, kernelDrops);
        byPeer.clear();
        return closes;
    }

    /** Datagrams clients send to one peer socket. */
    private final class FromClients extends SimpleChannelInboundHandler<DatagramPacket> {
        private final PeerSocket socket;

        FromClients(PeerSocket socket) {
            this.socket = socket;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            arrivals.fromClient(socket, packet);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushes.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A datagram socket outlives errors (e.g. ICMP unreachable); keep it, but never hide the error.
            LOG.log(Level.WARNING, "UdpLink: error on the socket standing for " + Format.address(socket.peer()),
                    cause);
        }
    }
}
