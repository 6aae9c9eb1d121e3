package io.netharness.core;

import io.netharness.core.internal.Transports;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The one switch that picks Netty's transport for TCP, UDP and multicast alike: native epoll when
 * {@code Epoll.isAvailable()}, else NIO. The system property {@code netharness.transport} ({@code epoll} or
 * {@code nio}) forces a choice; any other value is refused. The one difference users can see is documented on
 * {@link io.netharness.core.udp.MulticastReceiver} (leaving a group under NIO).
 *
 * <p>Every component runs on the {@link #sharedGroup() shared group} unless given an {@link EventLoopGroup}
 * of its own; a component never shuts down a group, since it owns none. The shared group is created on
 * first use, has daemon threads named {@code netharness-io-N}, and lives as long as the JVM.
 *
 * <p>Epoll groups must come from {@link #newEventLoopGroup}: a group on Netty's plain {@code EpollIoHandler} is
 * refused with {@link IllegalArgumentException}, because Netty 4.2's epoll registration can end a half-closed
 * connection before its queued bytes are written. NIO groups from anywhere are accepted.
 */
public final class Transport {

    private Transport() {
    }

    /** {@code "epoll"} or {@code "nio"}. */
    public static String name() {
        return Transports.isEpoll() ? "epoll" : "nio";
    }

    /** The library-owned event-loop group components use by default; do not shut it down. */
    public static EventLoopGroup sharedGroup() {
        return Transports.sharedGroup();
    }

    /**
     * A new group of the selected transport with {@code threads} threads named {@code threadNamePrefix-N};
     * the caller owns it and shuts it down.
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return newEventLoopGroup(threads, threadNamePrefix, false);
    }

    /** As {@link #newEventLoopGroup(int, String)}, with daemon threads if {@code daemon}. */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix, boolean daemon) {
        return Transports.newGroup(threads, threadNamePrefix, daemon);
    }

    /** True if {@code group} runs epoll; false for NIO. */
    public static boolean isEpoll(EventLoopGroup group) {
        return Transports.usesEpoll(group);
    }

    /** The TCP channel class that {@code group} runs. */
    public static Class<? extends SocketChannel> socketChannelClass(EventLoopGroup group) {
        return Transports.socketChannelClass(group);
    }

    /** The TCP listening channel class that {@code group} runs. */
    public static Class<? extends ServerSocketChannel> serverSocketChannelClass(EventLoopGroup group) {
        return Transports.serverSocketChannelClass(group);
    }

    /** Datagram channels that {@code group} runs, of the address family of {@code address}. */
    public static ChannelFactory<DatagramChannel> datagramChannelFactory(EventLoopGroup group, InetAddress address) {
        return Transports.datagramChannelFactory(group, address instanceof Inet6Address);
    }
}
