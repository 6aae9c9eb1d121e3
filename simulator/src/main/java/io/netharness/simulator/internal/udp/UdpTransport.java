package io.netharness.simulator.internal.udp;

import io.netharness.core.Transport;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;

/** Datagram channels that fit an event loop group, on the transport harness-core's {@link Transport} selects. */
public final class UdpTransport {

    private UdpTransport() {
    }

    /** A one-thread daemon group owned by a link (on epoll, its timerfd gives sub-ms timers). */
    public static EventLoopGroup newGroup(String threadNamePrefix) {
        return Transport.newEventLoopGroup(1, threadNamePrefix, true);
    }

    /** Channels of the family of {@code address} (multicast joins need the family fixed at creation). */
    public static ChannelFactory<DatagramChannel> channelFactory(EventLoopGroup group, InetAddress address) {
        return Transport.datagramChannelFactory(group, address);
    }

    /** True if {@code group} runs epoll, so its datagram channels are epoll's (recvmmsg, sendmmsg). */
    public static boolean isEpoll(EventLoopGroup group) {
        return Transport.isEpoll(group);
    }
}
