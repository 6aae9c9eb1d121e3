package io.netharness.simulator.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read policy, driven as Netty's epoll datagram channel drives it: per wake-up a reset, then for each read an
 * allocation (whose size picks recvmsg or recvmmsg), the bytes attempted and read, and a continueReading after each
 * read that brought something; readComplete at the end.
 */
class DatagramReadsTest {

    private static final int SLOT = 65_535;
    private static final int BATCH = 16;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ChannelConfig config = channel.config();
    private final DatagramReads.Reads reads = (DatagramReads.Reads) new DatagramReads(SLOT, BATCH, 64).newHandle();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** A single read (recvmsg) that brought one datagram of {@code bytes}; returns whether Netty would read on. */
    private boolean singleRead(int bytes) {
        assertThat(reads.guess()).as("room for one datagram: recvmsg").isEqualTo(SLOT);
        reads.attemptedBytesRead(SLOT);
        reads.lastBytesRead(bytes);
        reads.incMessagesRead(1);
        return reads.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER);
    }

    /** A batch read (recvmmsg) that brought {@code datagrams}; Netty counts each as a whole slot. */
    private boolean batchRead(int datagrams) {
        assertThat(reads.guess()).as("room for a batch: recvmmsg").isEqualTo(BATCH * SLOT);
        reads.attemptedBytesRead(BATCH * SLOT);
        reads.lastBytesRead(datagrams * SLOT);
        reads.incMessagesRead(datagrams);
        return reads.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER);
    }

    @Test
    void aLoneDatagramIsReadWithOneSingleReadAndOneThatFindsNothing() {
        for (int wakeUp = 0; wakeUp < 3; wakeUp++) {
            reads.reset(config);
            assertThat(singleRead(64)).as("one more single read, to tell a lone datagram from a burst").isTrue();
            // That read finds nothing (Netty stops without asking), and the next wake-up reads singly again.
            reads.readComplete();
            assertThat(reads.batching()).isFalse();
        }
    }

    @Test
    void aSecondDatagramRightBehindTheFirstSwitchesToBatches() {
        reads.reset(config);
        assertThat(singleRead(64)).isTrue();
        assertThat(singleRead(64)).isTrue();
        assertThat(reads.batching()).isTrue();
        assertThat(batchRead(BATCH)).as("a full batch: more may wait").isTrue();
        assertThat(batchRead(3)).as("a short batch: the socket was empty, no read that finds nothing").isFalse();
        reads.readComplete();
        assertThat(reads.batching()).as("the next wake-up reads batches").isTrue();
    }

    @Test
    void aWakeUpThatFindsOneDatagramInBatchModeReturnsToSingleReads() {
        reads.reset(config);
        singleRead(64);
        singleRead(64);
        reads.readComplete();
        reads.reset(config);
        assertThat(batchRead(1)).isFalse();
        reads.readComplete();
        assertThat(reads.batching()).isFalse();
        assertThat(reads.guess()).isEqualTo(SLOT);
    }

    @Test
    void batchesStopAtTheLimitPerWakeUp() {
        reads.reset(config);
        singleRead(64);
        singleRead(64);
        assertThat(batchRead(BATCH)).isTrue();
        assertThat(batchRead(BATCH)).isTrue();
        assertThat(batchRead(BATCH)).as("2 + 48 of 64 read").isTrue();
        assertThat(batchRead(BATCH)).as("64 read: other sockets' turn").isFalse();
    }

    @Test
    void nothingIsReadOnWhileAutoReadIsOff() {
        config.setAutoRead(false);
        reads.reset(config);
        assertThat(singleRead(64)).isFalse();
    }

    @Test
    void aBatchOfOneIsRefused() {
        assertThatThrownBy(() -> new DatagramReads(SLOT, 1, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datagramBytes: 65535, batch: 1 (expected: >= 1 and >= 2)");
    }
}
