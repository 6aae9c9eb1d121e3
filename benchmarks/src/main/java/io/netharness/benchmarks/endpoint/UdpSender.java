package io.netharness.benchmarks.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends numbered, timestamped datagrams of a fixed size from one thread, either paced to a rate or as
 * fast as the socket accepts them. Pacing spins on {@link System#nanoTime()} in 1 ms batches, since a
 * sleep per datagram cannot reach 100k/s.
 */
public final class UdpSender implements AutoCloseable {

    private final DatagramChannel channel;
    private final ByteBuffer datagram;
    private long sequence;

    public UdpSender(InetSocketAddress target, int datagramBytes) {
        if (datagramBytes < UdpReceiver.HEADER_BYTES) {
            throw new IllegalArgumentException("datagramBytes: " + datagramBytes + " (expected: >= 16)");
        }
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 1024 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        datagram = ByteBuffer.allocateDirect(datagramBytes);
    }

    /**
     * Sends at {@code perSecond} datagrams/s until {@code perSecond x duration} have gone (a sender that falls
     * behind catches up, and gives up at twice the duration), or with {@code perSecond} 0 as fast as possible
     * for {@code duration}. Returns the number sent; the caller times the call for the rate achieved.
     */
    public long send(long perSecond, Duration duration) {
        long start = System.nanoTime();
        long total = perSecond == 0 ? Long.MAX_VALUE : perSecond * duration.toNanos() / 1_000_000_000L;
        long end = start + (perSecond == 0 ? 1 : 2) * duration.toNanos();
        long sent = 0;
        try {
            for (long now = start; sent < total && now < end; now = System.nanoTime()) {
                long due = perSecond == 0 ? sent + 64 : Math.min(total, (now - start) * perSecond / 1_000_000_000L + 1);
                while (sent < due) {
                    sendOne();
                    sent++;
                }
                if (perSecond != 0) {
                    LockSupport.parkNanos(50_000); // yield the core to the hop between batches
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sent;
    }

    /** Sends one datagram stamped now. */
    public void sendOne() throws IOException {
        datagram.clear();
        datagram.putLong(0, sequence++);
        datagram.putLong(8, System.nanoTime());
        channel.write(datagram);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
