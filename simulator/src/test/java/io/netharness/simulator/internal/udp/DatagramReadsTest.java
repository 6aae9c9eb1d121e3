package io.netharness.simulator.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final long CLOSE_BEHIND = DatagramReads.QUIET_NANOS - 1;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final DatagramReads.Reads reads =
            (DatagramReads.Reads) new DatagramReads(SLOT, BATCH, 64, clock::get).newHandle();

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

    /** A wake-up {@code gapNanos} after the previous one. */
    private void wakeUp(long gapNanos) {
        clock.addAndGet(gapNanos);
        reads.reset(config);
    }

    @Test
    void aDatagramAfterAQuietSpellIsReadWithOneSystemCall() {
        for (long gap : new long[] {0, DatagramReads.QUIET_NANOS, 5_000_000_000L}) {
            wakeUp(gap);
            assertThat(singleRead(64)).as("no read after the first, gap %d ns (the socket is level-triggered)", gap)
                    .isFalse();
            reads.readComplete();
            assertThat(reads.batching()).isFalse();
        }
    }

    @Test
    void aBurstAfterAQuietSpellIsReadInBatchesFromTheNextWakeUp() {
        wakeUp(DatagramReads.QUIET_NANOS);
        assertThat(singleRead(64)).isFalse();
        reads.readComplete();
        wakeUp(1_000); // the datagrams left behind wake the loop again at once
        assertThat(singleRead(64)).isTrue();
        assertThat(singleRead(64)).isTrue();
        assertThat(reads.batching()).isTrue();
        assertThat(batchRead(BATCH)).isTrue();
    }

    @Test
    void aLoneDatagramCloseBehindTheLastIsReadWithOneSingleReadAndOneThatFindsNothing() {
        wakeUp(0);
        singleRead(64);
        reads.readComplete();
        for (int i = 0; i < 3; i++) {
            wakeUp(CLOSE_BEHIND);
            assertThat(singleRead(64)).as("one more single read, to tell a lone datagram from a burst").isTrue();
            // That read finds nothing (Netty stops without asking), and the next wake-up reads singly again.
            reads.readComplete();
            assertThat(reads.batching()).isFalse();
        }
    }

    @Test
    void aSecondDatagramRightBehindTheFirstSwitchesToBatches() {
        wakeUp(0);
        singleRead(64);
        reads.readComplete();
        wakeUp(CLOSE_BEHIND);
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
        wakeUp(0);
        singleRead(64);
        reads.readComplete();
        wakeUp(CLOSE_BEHIND);
        singleRead(64);
        singleRead(64);
        reads.readComplete();
        wakeUp(CLOSE_BEHIND);
        assertThat(batchRead(1)).isFalse();
        reads.readComplete();
        assertThat(reads.batching()).isFalse();
        assertThat(reads.guess()).isEqualTo(SLOT);
    }

    @Test
    void batchesStopAtTheLimitPerWakeUp() {
        wakeUp(0);
        singleRead(64);
        reads.readComplete();
        wakeUp(CLOSE_BEHIND);
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
        wakeUp(0);
        singleRead(64);
        reads.readComplete();
        wakeUp(CLOSE_BEHIND);
        assertThat(singleRead(64)).isFalse();
    }

    @Test
    void aBatchOfOneIsRefused() {
        assertThatThrownBy(() -> new DatagramReads(SLOT, 1, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datagramBytes: 65535, batch: 1 (expected: >= 1 and >= 2)");
    }
}
