package io.netharness.simulator.internal.udp;

import io.netharness.simulator.Direction;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link ClientSession}s of a UDP link by client address, and one session socket bound ahead of need: a new
 * client takes it, so its first datagram goes out at once instead of waiting for a socket to be created, registered
 * and bound (the first one is bound while the link starts; the next binds meanwhile, off any datagram's path). Event
 * loop only, except {@link #prepareSpare()}.
 */
final class ClientSessions {

    /** Reads what arrives on a session socket for the session it is given; a spare socket has none yet. */
    interface Replies extends ChannelHandler {
        void adopt(ClientSession session);
    }

    private final EventLoop loop;
    private final EventLoopGroup group;
    private final InetSocketAddress target;
    private final Channel front;
    private final PendingFlushes flushes;
    private final KernelDrops kernelDrops;
    private final Supplier<Replies> replies;
    private final Map<InetSocketAddress, ClientSession> byClient = new HashMap<>();
    private ChannelFuture spare;

    ClientSessions(EventLoop loop, EventLoopGroup group, InetSocketAddress target, Channel front,
            PendingFlushes flushes, KernelDrops kernelDrops, Supplier<Replies> replies) {
        this.loop = loop;
        this.group = group;
        this.target = target;
        this.front = front;
        this.flushes = flushes;
        this.kernelDrops = kernelDrops;
        this.replies = replies;
    }

    /** Starts binding the first spare socket; any thread, once, before traffic. */
    ChannelFuture prepareSpare() {
        spare = bind(replies.get());
        return spare;
    }

    /** The session of {@code client}, opened if new. */
    ClientSession of(InetSocketAddress client) {
        ClientSession session = byClient.get(client);
        if (session == null) {
            session = new ClientSession(client, target, front, flushes);
            ChannelFuture ready = spare;
            if (ready != null && ready.isSuccess() && ready.channel().isActive()) {
                ((Replies) ready.channel().pipeline().first()).adopt(session);
                session.socket().adopt(ready.channel());
                kernelDrops.watch(ready.channel(), Direction.DOWNSTREAM);
                spare = bind(replies.get());
            } else {
                Replies own = replies.get();
                own.adopt(session);
                session.socket().bindStarted(bind(own), bound -> kernelDrops.watch(bound, Direction.DOWNSTREAM));
            }
            byClient.put(client, session);
        }
        return session;
    }

    int size() {
        return byClient.size();
    }

    /** Forgets sessions (closing their sockets) with no traffic either way for {@code idleNanos}, as a NAT does. */
    void expireIdle(long nowNanos, long idleNanos) {
        LinkSideSocket.expireIdle(byClient.values(), ClientSession::socket, kernelDrops, nowNanos, idleNanos);
    }

    /** Closes every session (not the spare); returns the close futures. */
    List<ChannelFuture> closeAll() {
        List<ChannelFuture> closes = LinkSideSocket.closeAll(byClient.values(), ClientSession::socket, kernelDrops);
        byClient.clear();
        return closes;
    }

    /** Closes the spare socket, if any; returns its close future or null. */
    ChannelFuture closeSpare() {
        return spare == null ? null : spare.channel().close();
    }

    /** Starts binding a socket towards the target (on loopback for a loopback target), read by {@code handler}. */
    private ChannelFuture bind(Replies handler) {
        Bootstrap bootstrap = Datagrams.configure(new Bootstrap().group(loop)
                .channelFactory(UdpTransport.channelFactory(group, target.getAddress()))
                .handler(handler));
        return bootstrap.bind(Datagrams.localBindFor(target));
    }
}
