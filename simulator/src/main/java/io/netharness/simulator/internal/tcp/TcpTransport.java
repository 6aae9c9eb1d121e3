package io.netharness.simulator.internal.tcp;

import io.netharness.core.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;

/** The channel classes that fit an event loop group, as harness-core's {@link Transport} picks them. */
record TcpTransport(Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> channel,
        boolean isEpoll) {

    /** A new group of {@code threads} daemon threads on the transport harness-core selects. */
    static EventLoopGroup newGroup(int threads, String threadNamePrefix) {
        return Transport.newEventLoopGroup(threads, threadNamePrefix, true);
    }

    /** The channel classes a given group can run. */
    static TcpTransport of(EventLoopGroup group) {
        return new TcpTransport(Transport.serverSocketChannelClass(group), Transport.socketChannelClass(group),
                Transport.isEpoll(group));
    }
}
