package io.netharness.simulator.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
