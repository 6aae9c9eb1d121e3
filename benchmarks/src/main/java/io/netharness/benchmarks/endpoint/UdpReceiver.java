package io.netharness.benchmarks.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Counts datagrams on a dedicated thread with a large receive buffer and, if asked, keeps the one-way delay
 * of each (now minus the send time the sender wrote at offset 8). Both ends are in this JVM, so
 * {@link System#nanoTime()} is one clock. Closing the channel ends the thread.
 *
 * <p>Rate measurements only count: recording costs CPU per datagram, which on two cores would be taken
 * from the hop being measured. Delays go into an array allocated (and so zeroed) before the first datagram,
 * and the histogram is built only when asked: the receiving thread must not allocate while it times.
 * An auto-resizing histogram did, growing by megabytes at the first larger value, and that stalled the thread
 * for up to 40 ms while datagrams queued behind it, which the report then showed as late datagrams.
 */
public final class UdpReceiver implements AutoCloseable {

    /** Datagram layout: sequence number, then the sender's nanoTime. */
    public static final int HEADER_BYTES = 16;

    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    /** What a datagram too short to carry a send time leaves in {@link #delays}. */
    private static final long UNTIMED = -1;
    /** One delay per datagram, in arrival order; written before {@link #received} counts the datagram. */
    private final long[] delays;

    private UdpReceiver(long[] delays) {
        this.delays = delays;
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Threads.startDaemon("udp-receiver", this::receiveUntilClosed);
    }

    /**
     * A receiver that counts datagrams and keeps the delays of the first {@code capacity} of them
     * ({@link #delays()}).
     */
    public static UdpReceiver timing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        return new UdpReceiver(new long[capacity]);
    }

    /** A receiver that only counts datagrams. */
    public static UdpReceiver counting() {
        return new UdpReceiver(null);
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long received() {
        return received.get();
    }

    /**
     * The delays of the datagrams received so far (up to the capacity; datagrams shorter than
     * {@link #HEADER_BYTES} carry none), in nanoseconds. Five significant
     * digits: 2 µs steps at 200 ms; with HdrHistogram's usual three, a percentile at 200 ms would be rounded
     * up by as much as 0.2 ms, the whole tolerance of the delay precision goal.
     */
    public Histogram delays() {
        if (delays == null) {
            throw new IllegalStateException("this receiver only counts; use UdpReceiver.timing(capacity) for delays");
        }
        int kept = (int) Math.min(received.get(), delays.length);
        Histogram histogram = new Histogram(5);
        for (int i = 0; i < kept; i++) {
            if (delays[i] != UNTIMED) {
                histogram.recordValue(delays[i]);
            }
        }
        return histogram;
    }

    private void receiveUntilClosed() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try {
            while (channel.isOpen()) {
                buffer.clear();
                channel.receive(buffer);
                long now = System.nanoTime();
                long index = received.get();
                if (delays != null && index < delays.length) {
                    delays[(int) index] = buffer.position() >= HEADER_BYTES ? Math.max(0, now - buffer.getLong(8))
                            : UNTIMED;
                }
                received.set(index + 1);
            }
        } catch (ClosedChannelException expected) {
            // close() ends the loop
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Threads.join(thread);
    }
}
