package io.netharness.simulator.internal.udp;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Datagram channels that fit an event loop group: epoll when the native library loaded, NIO otherwise. */
public final class UdpTransport {

    private UdpTransport() {
    }

    /** A one-thread group (epoll when available) owned by a link; epoll's timerfd gives sub-ms timers. */
    public static EventLoopGroup newGroup(String threadNamePrefix) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadNamePrefix, true),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Channels of the family of {@code address} (multicast joins need the family fixed at creation). */
    public static ChannelFactory<DatagramChannel> channelFactory(EventLoopGroup group, InetAddress address) {
        SocketProtocolFamily family = address instanceof Inet6Address ? SocketProtocolFamily.INET6
                : SocketProtocolFamily.INET;
        return isEpoll(group) ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
    }

    /** True if {@code group} runs epoll, so its datagram channels are epoll's (recvmmsg, sendmmsg). */
    public static boolean isEpoll(EventLoopGroup group) {
        return Epoll.isAvailable() && group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }
}
