package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.endpoint.DiscardServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Function;

/**
 * One TCP connection from a blocking sender through a hop into a {@link DiscardServer}; each
 * {@link #transfer} pushes a number of bytes and times them from the first write to the last byte
 * read by the sink. Used by measurements 1 (bulk throughput) and 7 (cost of impairment).
 */
public final class TcpBulkTransfer implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final EventLoopGroup group = Loops.newGroup(1);
    private final DiscardServer sink;
    private final Hop hop;
    private final SocketChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);

    public TcpBulkTransfer(Variant variant, Impairment impairment) {
        this(target -> Hops.tcp(variant, target, impairment));
    }

    /** A transfer through any hop: {@code hops} opens one in front of the given sink address. */
    public TcpBulkTransfer(Function<InetSocketAddress, Hop> hops) {
        DiscardServer openedSink = null;
        Hop openedHop = null;
        try {
            openedSink = new DiscardServer(group);
            openedHop = hops.apply(openedSink.address());
            this.channel = Sockets.connect(openedHop.address());
        } catch (IOException | RuntimeException e) {
            closeQuietly(openedHop, openedSink);
            Loops.shutdown(group);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        this.sink = openedSink;
        this.hop = openedHop;
    }

    /** Sends {@code bytes} and returns the nanoseconds until the sink has read the last of them. */
    public long transfer(long bytes, Duration timeout) throws IOException, InterruptedException {
        DiscardServer.Arrival arrival = sink.expect(bytes);
        long start = System.nanoTime();
        long left = bytes;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(CHUNK, left));
            left -= chunk.remaining();
            Sockets.writeFully(channel, chunk);
        }
        return arrival.await(timeout) - start;
    }

    /** As {@link #transfer} but timed at the sink only, first byte to last: the rate a bandwidth cap lets through. */
    public double sinkBytesPerSecond(long bytes, Duration timeout) throws IOException, InterruptedException {
        DiscardServer.Arrival arrival = sink.expect(bytes);
        long left = bytes;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(CHUNK, left));
            left -= chunk.remaining();
            Sockets.writeFully(channel, chunk);
        }
        long last = arrival.await(timeout);
        return bytes * 1e9 / (last - arrival.firstNanos());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket whose peer went away; nothing to recover
        }
        closeQuietly(hop, sink);
        Loops.shutdown(group);
    }

    private static void closeQuietly(Hop hop, DiscardServer sink) {
        if (hop != null) {
            hop.close();
        }
        if (sink != null) {
            sink.close();
        }
    }
}
