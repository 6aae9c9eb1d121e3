package io.netharness.simulator.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingFlushesTest {

    @Test
    void writesWaitUntilFlushAndEveryWrittenChannelIsFlushedOnce() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        PendingFlushes flushes = new PendingFlushes();
        try {
            flushes.write(first, Unpooled.wrappedBuffer(new byte[] {1}));
            flushes.write(second, Unpooled.wrappedBuffer(new byte[] {2}));
            flushes.write(first, Unpooled.wrappedBuffer(new byte[] {3}));

            assertThat(first.outboundMessages()).isEmpty();
            assertThat(second.outboundMessages()).isEmpty();
            assertThat(flushes.isEmpty()).isFalse();

            flushes.flush();

            assertThat(firstBytes(first)).containsExactly(1, 3);
            assertThat(firstBytes(second)).containsExactly(2);
            assertThat(flushes.isEmpty()).isTrue();
        } finally {
            first.finishAndReleaseAll();
            second.finishAndReleaseAll();
        }
    }

    @Test
    void aFlushWithNothingWrittenSendsNothing() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PendingFlushes flushes = new PendingFlushes();
        flushes.write(channel, Unpooled.wrappedBuffer(new byte[] {7}));
        flushes.flush();
        assertThat(firstBytes(channel)).containsExactly(7);

        flushes.flush();

        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /**
     * On epoll, a run of equal datagrams to one loopback address leaves as one GSO send, and the receiver still gets
     * each datagram on its own, whole and in order; a different size or address starts a new run.
     */
    @Test
    void equalDatagramsToOneLoopbackAddressLeaveAsOneGsoSendAndArriveSeparately() throws Exception {
        assumeTrue(EpollDatagramChannel.isSegmentedDatagramPacketSupported(), "needs epoll with UDP GSO");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (java.nio.channels.DatagramChannel receiver = java.nio.channels.DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            receiver.configureBlocking(true);
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            Channel sender = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress("127.0.0.1", 0))
                    .sync().channel();
            PendingFlushes flushes = new PendingFlushes();
            int[] sizes = {40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 7, 40, 40};
            sender.eventLoop().submit(() -> {
                for (int i = 0; i < sizes.length; i++) {
                    flushes.write(sender, new DatagramPacket(Unpooled.wrappedBuffer(payload(i, sizes[i])), to));
                }
                flushes.flush();
            }).sync();

            for (int i = 0; i < sizes.length; i++) {
                ByteBuffer received = ByteBuffer.allocate(65_536);
                receiver.receive(received);
                received.flip();
                byte[] bytes = new byte[received.remaining()];
                received.get(bytes);
                assertThat(bytes).as("datagram %d", i).isEqualTo(payload(i, sizes[i]));
            }
            assertThat(sender.eventLoop().submit(flushes::segmentedSends).get())
                    .as("GSO sends: the run of ten, then the run of two after the odd size").isEqualTo(2);
            sender.close().sync();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    private static byte[] payload(int index, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (index * 31 + i);
        }
        return bytes;
    }

    /** Reads (and releases) every flushed message of {@code channel}, one byte each. */
    private static int[] firstBytes(EmbeddedChannel channel) {
        int[] bytes = new int[channel.outboundMessages().size()];
        for (int i = 0; i < bytes.length; i++) {
            ByteBuf message = channel.readOutbound();
            bytes[i] = message.getByte(0);
            message.release();
        }
        return bytes;
    }
}
