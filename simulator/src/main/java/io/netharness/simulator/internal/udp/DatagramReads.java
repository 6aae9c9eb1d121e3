package io.netharness.simulator.internal.udp;

import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How a datagram link's epoll sockets read: one datagram per system call while they arrive one at a time, a batch per
 * {@code recvmmsg} while they arrive in bursts, and no read after one that shows the socket is empty.
 *
 * <p>Why: with a fixed batch buffer every read went through Netty's {@code recvmmsg} path, which also calls
 * {@code getsockopt} each time, and Netty reads on until a read comes back empty. A lone datagram (a request, a
 * ping) cost four system calls to take in (getsockopt, recvmmsg, getsockopt, recvmmsg finding nothing) where one
 * does: microseconds on every pass through the link.
 *
 * <p>How: the buffer decides Netty's path (room for one datagram: {@code recvmsg}; for more: {@code recvmmsg}).
 * Netty's epoll sockets are level-triggered, so a read may stop before the socket is empty: a datagram left behind
 * wakes the loop again at once. A wake-up after a quiet spell ({@link #QUIET_NANOS} since the socket's last one: a
 * request, a ping) takes one datagram with one {@code recvmsg} and stops, where reading on until a read finds nothing
 * would cost a second system call on every pass through the link. Otherwise a wake-up starts with single reads, up
 * to two; finding a second datagram right behind the first means a burst, and the rest of the wake-up reads batches,
 * as the next wake-ups do. A batch that comes back short of full shows the socket was empty, so reading stops there.
 * A wake-up that found at most one datagram returns to single reads.
 */
final class DatagramReads extends DefaultMaxMessagesRecvByteBufAllocator {

    /**
     * A wake-up this long after the socket's previous one reads a single datagram and stops. Shorter gaps mean
     * datagrams come fast enough that a burst may be queued; a lone datagram taken for a burst costs one read that
     * finds nothing, a burst taken for a lone datagram one more wake-up, so the value only moves cost, never
     * datagrams.
     */
    static final long QUIET_NANOS = 25_000;

    private final int datagramBytes;
    private final int batch;
    private final LongSupplier clock;

    /**
     * @param datagramBytes the largest datagram (every read slot is this large)
     * @param batch         datagrams per {@code recvmmsg}
     * @param perWakeUp     datagrams read per wake-up at most, before other sockets get their turn
     */
    DatagramReads(int datagramBytes, int batch, int perWakeUp) {
        this(datagramBytes, batch, perWakeUp, System::nanoTime);
    }

    /** As {@link #DatagramReads(int, int, int)}, with the clock that times the gaps between wake-ups. */
    DatagramReads(int datagramBytes, int batch, int perWakeUp, LongSupplier clock) {
        super(perWakeUp);
        if (datagramBytes < 1 || batch < 2) {
            throw new IllegalArgumentException("datagramBytes: " + datagramBytes + ", batch: " + batch
                    + " (expected: >= 1 and >= 2)");
        }
        this.datagramBytes = datagramBytes;
        this.batch = batch;
        this.clock = clock;
    }

    @Override
    public Handle newHandle() {
        return new Reads();
    }

    /** One socket's reads; Netty calls it on the socket's event loop only. */
    final class Reads extends MaxMessageHandle {
        private boolean batching;
        private boolean afterQuiet;
        private long lastWakeUpNanos = clock.getAsLong() - QUIET_NANOS; // a socket's first wake-up comes after quiet
        private int reads;
        private int datagrams;

        @Override
        public void reset(ChannelConfig config) {
            super.reset(config);
            reads = 0;
            datagrams = 0;
            long now = clock.getAsLong();
            afterQuiet = now - lastWakeUpNanos >= QUIET_NANOS;
            lastWakeUpNanos = now;
        }

        @Override
        public int guess() {
            return batching ? batch * datagramBytes : datagramBytes;
        }

        /** Called after each read that brought something; Netty's own supplier always says "maybe more". */
        @Override
        public boolean continueReading(UncheckedBooleanSupplier ignored) {
            reads++;
            if (!batching) {
                datagrams++;
                if (afterQuiet) {
                    return false; // taken as a lone datagram: one left behind wakes the loop again at once
                }
                if (reads >= 2) {
                    batching = true; // a second datagram right behind the first: a burst
                }
                return super.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER);
            }
            datagrams += Math.max(1, lastBytesRead() / datagramBytes);
            // Netty counts a batch's bytes as slots x slot size, so a full batch is attempted == read.
            return super.continueReading(() -> lastBytesRead() == attemptedBytesRead());
        }

        @Override
        public void readComplete() {
            super.readComplete();
            if (datagrams <= 1) {
                batching = false;
            }
        }

        /** Whether the next read takes a batch (for tests). */
        boolean batching() {
            return batching;
        }
    }
}
