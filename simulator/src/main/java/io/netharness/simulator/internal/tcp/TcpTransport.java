package io.netharness.simulator.internal.tcp;

import io.netharness.core.internal.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * The channel classes that fit an event loop group, as harness-core's {@link Transports} picks them: epoll when the
 * native library loaded and the group is an epoll group, NIO otherwise.
 */
record TcpTransport(Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> channel) {

    /** A new group of {@code threads} daemon threads on the transport harness-core selects. */
    static EventLoopGroup newGroup(int threads, String threadNamePrefix) {
        return Transports.newGroup(threads, threadNamePrefix, true);
    }

    /** The channel classes a given group can run. */
    static TcpTransport of(EventLoopGroup group) {
        return new TcpTransport(Transports.serverSocketChannelClass(group), Transports.socketChannelClass(group));
    }

    boolean isEpoll() {
        return channel.getSimpleName().startsWith("Epoll");
    }
}
