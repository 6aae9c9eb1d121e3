package io.netharness.benchmarks.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Counts datagrams on a dedicated thread with a large receive buffer and, if asked, records the one-way delay
 * of each (now minus the send time the sender wrote at offset 8). Both ends are in this JVM, so
 * {@link System#nanoTime()} is one clock. Closing the channel ends the thread.
 *
 * <p>Rate measurements only count: recording costs CPU per datagram (and under overload, where delays keep
 * growing, the histogram keeps resizing), which on two cores would be taken from the hop being measured.
 */
public final class UdpReceiver implements AutoCloseable {

    /** Datagram layout: sequence number, then the sender's nanoTime. */
    public static final int HEADER_BYTES = 16;

    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    /**
     * Five significant digits: 2 µs steps at 200 ms. With HdrHistogram's usual three, a percentile at 200 ms
     * would be rounded up by as much as 0.2 ms, the whole tolerance of the delay precision goal.
     */
    private final Recorder delays;

    private UdpReceiver(boolean recordDelays) {
        this.delays = recordDelays ? new Recorder(5) : null;
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::receiveUntilClosed, "udp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    /** A receiver that counts datagrams and records their delays ({@link #takeDelays()}). */
    public static UdpReceiver timing() {
        return new UdpReceiver(true);
    }

    /** A receiver that only counts datagrams. */
    public static UdpReceiver counting() {
        return new UdpReceiver(false);
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

    /** The delays recorded since the last call, in nanoseconds. */
    public org.HdrHistogram.Histogram takeDelays() {
        if (delays == null) {
            throw new IllegalStateException("this receiver only counts; use UdpReceiver.timing() for delays");
        }
        return delays.getIntervalHistogram();
    }

    private void receiveUntilClosed() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try {
            while (channel.isOpen()) {
                buffer.clear();
                channel.receive(buffer);
                long now = System.nanoTime();
                if (delays != null && buffer.position() >= HEADER_BYTES) {
                    delays.recordValue(Math.max(0, now - buffer.getLong(8)));
                }
                received.incrementAndGet();
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
            thread.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("udp-receiver thread did not stop within 5 s");
        }
    }
}
