package io.netharness.simulator.internal.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Datagrams written but not yet sent. Outlets only write; whoever ends a batch (a read burst, a timer's
 * departures) flushes once. At the flush, each channel's datagrams go out together: on epoll a run of two or more
 * datagrams of one size to one loopback address becomes one UDP GSO send (the kernel cuts it back into the same
 * datagrams, so receivers see no difference; it saves the sending half of the kernel's work per datagram), and
 * whatever remains goes out with one {@code sendmmsg}. Event loop only.
 */
final class PendingFlushes {

    /** At most this many datagrams per GSO send (the kernel's limit is 64 segments). */
    private static final int MAX_SEGMENTS = 64;
    /** A GSO send is one IP packet before segmentation: its payload must stay within 65,507 bytes. */
    private static final int MAX_GSO_BYTES = 65_000;
    private static final boolean GSO = gsoSupported();

    // A batch touches few channels (the front socket, the sessions of one burst's clients): lists beat maps.
    private final List<Channel> channels = new ArrayList<>(4);
    private final List<List<Object>> pending = new ArrayList<>(4);
    private long segmentedSends;

    private static boolean gsoSupported() {
        try {
            return EpollDatagramChannel.isSegmentedDatagramPacketSupported();
        } catch (LinkageError noEpoll) {
            return false;
        }
    }

    /**
     * Queues {@code datagram} (a {@link DatagramPacket}, or whatever else the channel takes) for {@code channel}
     * until {@link #flush()}; from here it is ours to send or release.
     */
    void write(Channel channel, Object datagram) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) == channel) {
                pending.get(i).add(datagram);
                return;
            }
        }
        channels.add(channel);
        List<Object> datagrams = new ArrayList<>();
        datagrams.add(datagram);
        pending.add(datagrams);
    }

    /** As {@link #write} while {@code channel} is open; else releases {@code datagram}. */
    void writeIfOpen(Channel channel, DatagramPacket datagram) {
        if (channel.isActive()) {
            write(channel, datagram);
        } else {
            datagram.release();
        }
    }

    /** Sends every datagram written since the last call, channel by channel, in the order written. */
    void flush() {
        // A write made while flushing (none is expected) lands in fresh lists and waits for the next flush.
        int count = channels.size();
        for (int i = 0; i < count; i++) {
            send(channels.get(i), pending.get(i));
        }
        channels.subList(0, count).clear();
        pending.subList(0, count).clear();
    }

    /** True if a write waits for {@link #flush()}. */
    boolean isEmpty() {
        return channels.isEmpty();
    }

    /** How many GSO sends (each carrying two or more datagrams) flushes have made so far. */
    long segmentedSends() {
        return segmentedSends;
    }

    private void send(Channel channel, List<Object> datagrams) {
        boolean gso = GSO && channel instanceof EpollDatagramChannel;
        int i = 0;
        while (i < datagrams.size()) {
            int run = gso ? runLength(datagrams, i) : 1;
            if (run >= 2) {
                channel.write(segmented(datagrams, i, run), channel.voidPromise());
                segmentedSends++;
            } else {
                channel.write(datagrams.get(i), channel.voidPromise());
            }
            i += run;
        }
        channel.flush();
    }

    /** How many datagrams from {@code start} have the first one's size and recipient, within GSO's limits. */
    private static int runLength(List<Object> datagrams, int start) {
        if (!(datagrams.get(start) instanceof DatagramPacket first)) {
            return 1;
        }
        int size = first.content().readableBytes();
        InetSocketAddress recipient = first.recipient();
        if (size == 0 || recipient.getAddress() == null || !recipient.getAddress().isLoopbackAddress()) {
            // GSO only where the kernel is known to take it: loopback. A route through a device without checksum
            // offload would refuse a GSO send, and the datagrams would be lost; multicast keeps plain sends too.
            return 1;
        }
        int limit = Math.min(MAX_SEGMENTS, MAX_GSO_BYTES / size);
        int end = start + 1;
        while (end < datagrams.size() && end - start < limit
                && datagrams.get(end) instanceof DatagramPacket next
                && next.content().readableBytes() == size && recipient.equals(next.recipient())) {
            end++;
        }
        return end - start;
    }

    /** One buffer holding {@code count} equal datagrams back to back, sent as one GSO packet; releases them. */
    private static SegmentedDatagramPacket segmented(List<Object> datagrams, int start, int count) {
        DatagramPacket first = (DatagramPacket) datagrams.get(start);
        int size = first.content().readableBytes();
        ByteBuf joined = first.content().alloc().directBuffer(size * count);
        for (int i = start; i < start + count; i++) {
            DatagramPacket datagram = (DatagramPacket) datagrams.get(i);
            joined.writeBytes(datagram.content(), datagram.content().readerIndex(), size);
            datagram.release();
        }
        return new SegmentedDatagramPacket(joined, size, first.recipient());
    }
}
