package io.netharness.simulator.internal.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The channel classes that fit an event loop group: epoll when the native library loaded and the group is an
 * epoll group, NIO otherwise.
 *
 * <p>Stands in for harness-core's transport helper until that lands; keep it tiny.
 */
record TcpTransport(Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> channel) {

    private static final TcpTransport EPOLL = new TcpTransport(EpollServerSocketChannel.class, EpollSocketChannel.class);
    private static final TcpTransport NIO = new TcpTransport(NioServerSocketChannel.class, NioSocketChannel.class);

    /** A new group of {@code threads} threads on the best transport this machine offers. */
    static EventLoopGroup newGroup(int threads, String threadNamePrefix) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(threadNamePrefix, true);
        return new MultiThreadIoEventLoopGroup(threads, threadFactory,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The channel classes a given group can run. */
    static TcpTransport of(EventLoopGroup group) {
        if (Epoll.isAvailable() && group instanceof IoEventLoopGroup ioGroup && ioGroup.isIoType(EpollIoHandler.class)) {
            return EPOLL;
        }
        return NIO;
    }

    boolean isEpoll() {
        return this == EPOLL;
    }
}
