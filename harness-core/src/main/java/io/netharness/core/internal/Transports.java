package io.netharness.core.internal;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Picks epoll or NIO for TCP, UDP and multicast alike, creates groups, and gives the channel classes that fit a
 * given group. Epoll groups are made with {@link KeptRegistrationEpollIoHandler}, never with Netty's handler alone.
 */
public final class Transports {

    /** System property that forces a transport: {@code nio}, or {@code epoll} (the default where available). */
    public static final String PROPERTY = "netharness.transport";

    private static final boolean EPOLL = selectEpoll(System.getProperty(PROPERTY));

    private Transports() {
    }

    private static boolean selectEpoll(String requested) {
        if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("epoll")) {
            return Epoll.isAvailable();
        }
        if (requested.equalsIgnoreCase("nio")) {
            return false;
        }
        throw new IllegalStateException(
                "-D" + PROPERTY + "=" + requested + " is not a transport (expected: epoll or nio)");
    }

    public static boolean isEpoll() {
        return EPOLL;
    }

    public static EventLoopGroup sharedGroup() {
        return SharedGroupHolder.GROUP;
    }

    public static EventLoopGroup newGroup(int threads, String threadNamePrefix, boolean daemon) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(threadNamePrefix, daemon);
        return new MultiThreadIoEventLoopGroup(threads, threadFactory,
                EPOLL ? KeptRegistrationEpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public static Class<? extends SocketChannel> socketChannelClass(EventLoopGroup group) {
        return usesEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverSocketChannelClass(EventLoopGroup group) {
        return usesEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Datagram channels are opened for one address family, which multicast joins need. */
    public static ChannelFactory<DatagramChannel> datagramChannelFactory(EventLoopGroup group, boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return usesEpoll(group) ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
    }

    /**
     * True for a group made here on epoll; false for a NIO group (which a user may hand us even where epoll works).
     *
     * @throws IllegalArgumentException for a group on Netty's plain {@link EpollIoHandler}: its channels can lose
     *         queued bytes on half-closed connections (see {@link KeptRegistrationEpollIoHandler})
     */
    public static boolean usesEpoll(EventLoopGroup group) {
        if (!(group instanceof IoEventLoopGroup ioGroup)) {
            return false;
        }
        if (ioGroup.isIoType(EpollIoHandler.class)) {
            throw new IllegalArgumentException("eventLoopGroup: " + group + " runs Netty's plain EpollIoHandler,"
                    + " whose channels can end a half-closed connection before its data is written (Netty 4.2"
                    + " drops the epoll registration); create it with Transport.newEventLoopGroup(...) or use a NIO"
                    + " group");
        }
        return ioGroup.isIoType(KeptRegistrationEpollIoHandler.class);
    }

    private static final class SharedGroupHolder {
        private static final EventLoopGroup GROUP =
                newGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), "netharness-io", true);
    }
}
