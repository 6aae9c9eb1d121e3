package io.netharness.simulator.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LinkSideSocketTest {

    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 9);

    private final PendingFlushes flushes = new PendingFlushes();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @Test
    void datagramsSentWhileBindingLeaveInOrderOnceBound() {
        ChannelPromise bind = channel.newPromise();
        LinkSideSocket socket = new LinkSideSocket(flushes, 0);
        List<Channel> seenBound = new ArrayList<>();
        socket.bindStarted(bind, seenBound::add);
        try {
            socket.send(datagram(1));
            socket.send(datagram(2));
            assertThat(channel.outboundMessages()).isEmpty();
            assertThat(seenBound).isEmpty();

            bind.setSuccess();

            assertThat(seenBound).containsExactly(channel);
            assertThat(sentBytes()).containsExactly(1, 2);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void onceBoundADatagramWaitsForTheBatchFlush() {
        LinkSideSocket socket = new LinkSideSocket(flushes, 0);
        socket.adopt(channel);
        try {
            socket.send(datagram(3));
            assertThat(channel.outboundMessages()).isEmpty();

            flushes.flush();

            assertThat(sentBytes()).containsExactly(3);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void closingWhileBindingReleasesWhatWaitedAndSendsNothingAfter() {
        ChannelPromise bind = channel.newPromise();
        LinkSideSocket socket = new LinkSideSocket(flushes, 0);
        List<Channel> seenBound = new ArrayList<>();
        socket.bindStarted(bind, seenBound::add);
        DatagramPacket waiting = datagram(4);
        socket.send(waiting);

        socket.close();
        DatagramPacket afterClose = datagram(5);
        socket.send(afterClose);
        bind.trySuccess();

        assertThat(waiting.refCnt()).isZero();
        assertThat(afterClose.refCnt()).isZero();
        assertThat(seenBound).as("a socket closed before its bind completed is never seen bound").isEmpty();
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(flushes.isEmpty()).isTrue();
    }

    @Test
    void aFailedBindReleasesWhatWaited() {
        ChannelPromise bind = channel.newPromise();
        LinkSideSocket socket = new LinkSideSocket(flushes, 0);
        socket.bindStarted(bind, bound -> { });
        DatagramPacket waiting = datagram(6);
        socket.send(waiting);

        bind.setFailure(new IOException("bind failed on purpose"));

        assertThat(waiting.refCnt()).isZero();
        assertThat(socket.address()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void expiryClosesAndForgetsOnlyTheSocketsIdleLongEnough() {
        EmbeddedChannel idleChannel = new EmbeddedChannel();
        EmbeddedChannel busyChannel = new EmbeddedChannel();
        LinkSideSocket idle = new LinkSideSocket(flushes, 0);
        idle.adopt(idleChannel);
        LinkSideSocket busy = new LinkSideSocket(flushes, 0);
        busy.adopt(busyChannel);
        busy.touch(900);
        Map<String, LinkSideSocket> owners = new TreeMap<>(Map.of("idle", idle, "busy", busy));

        LinkSideSocket.expireIdle(owners.values(), owner -> owner, new KernelDrops(), 1_000, 500);

        assertThat(owners).containsOnlyKeys("busy");
        assertThat(idleChannel.isOpen()).isFalse();
        assertThat(busyChannel.isOpen()).isTrue();

        assertThat(LinkSideSocket.closeAll(owners.values(), owner -> owner, new KernelDrops()))
                .hasSize(1).allSatisfy(close -> assertThat(close.isDone()).isTrue());
        assertThat(busyChannel.isOpen()).isFalse();
    }

    private static DatagramPacket datagram(int value) {
        return new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {(byte) value}), TO);
    }

    private List<Integer> sentBytes() {
        List<Integer> bytes = new ArrayList<>();
        DatagramPacket sent;
        while ((sent = channel.readOutbound()) != null) {
            assertThat(sent.recipient()).isEqualTo(TO);
            bytes.add((int) sent.content().getByte(sent.content().readerIndex()));
            sent.release();
        }
        return bytes;
    }
}
