package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking client exchanging small messages with an {@link EchoServer} through a hop, one message in
 * flight: the round trip of measurement 2.
 */
public final class PingPong implements AutoCloseable {

    private final EventLoopGroup group = Loops.newGroup(1);
    private final EchoServer server;
    private final Hop hop;
    private final SocketChannel channel;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private int sequence;

    public PingPong(Variant variant, int messageBytes) {
        EchoServer openedServer = null;
        Hop openedHop = null;
        try {
            openedServer = new EchoServer(group);
            openedHop = Hops.tcp(variant, openedServer.address(), Impairment.NONE);
            this.channel = Sockets.connect(openedHop.address());
        } catch (IOException | RuntimeException e) {
            if (openedHop != null) {
                openedHop.close();
            }
            if (openedServer != null) {
                openedServer.close();
            }
            Loops.shutdown(group);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        this.server = openedServer;
        this.hop = openedHop;
        this.out = ByteBuffer.allocateDirect(messageBytes);
        this.in = ByteBuffer.allocateDirect(messageBytes);
    }

    /**
     * One message out and back; returns the round trip in nanoseconds. Each message starts with a
     * counter byte, checked on return, so a hop that loses or mixes up data fails instead of measuring.
     */
    public long roundTrip() throws IOException {
        byte mark = (byte) ++sequence;
        out.clear();
        out.put(0, mark);
        in.clear();
        long start = System.nanoTime();
        Sockets.writeFully(channel, out);
        Sockets.readFully(channel, in);
        long elapsed = System.nanoTime() - start;
        if (in.get(0) != mark) {
            throw new IOException("echo returned " + in.get(0) + " (expected: " + mark + ")");
        }
        return elapsed;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // peer already gone
        }
        hop.close();
        server.close();
        Loops.shutdown(group);
    }
}
