package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transport switch: one choice for TCP, UDP and multicast, and no group on Netty's plain epoll handler. */
class TransportTest {

    @Test
    void tcpUdpAndMulticastChannelsAllFollowTheSwitch() throws Exception {
        String expected = "nio".equals(System.getProperty("netharness.transport")) || !Epoll.isAvailable()
                ? "Nio" : "Epoll";
        EventLoopGroup group = Transport.sharedGroup();
        assertThat(Transport.name()).isEqualToIgnoringCase(expected);
        assertThat(Transport.isEpoll(group)).isEqualTo(expected.equals("Epoll"));
        assertThat(Transport.socketChannelClass(group).getSimpleName()).startsWith(expected);
        assertThat(Transport.serverSocketChannelClass(group).getSimpleName()).startsWith(expected);
        DatagramChannel datagrams = Transport.datagramChannelFactory(group, InetAddress.getLoopbackAddress())
                .newChannel();
        try {
            assertThat(datagrams.getClass().getSimpleName()).startsWith(expected);
        } finally {
            datagrams.unsafe().closeForcibly();
        }
    }

    @Test
    void aGroupOnNettysPlainEpollHandlerIsRefusedWithTheReason() throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs the native epoll transport");
        EventLoopGroup plain = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            assertThatThrownBy(() -> Transport.isEpoll(plain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("plain EpollIoHandler")
                    .hasMessageContaining("Transport.newEventLoopGroup");
        } finally {
            plain.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }
}
