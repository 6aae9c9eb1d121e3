package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * What one network test costs in set-up and tear-down (measurement 5): start a server and a hop in front
 * of it, connect, one round trip, close everything. The server binds on a shared event loop group, as a
 * test framework would share one across tests; the hop is created and closed in full.
 */
public final class TestLifecycle {

    private TestLifecycle() {
    }

    /** Runs one test's lifecycle; returns the byte echoed (for a blackhole). */
    public static byte once(Variant variant, EventLoopGroup serverGroup) throws IOException {
        return once(target -> Hops.tcp(variant, target, Impairment.NONE), serverGroup);
    }

    /** As {@link #once(Variant, EventLoopGroup)} through any hop {@code hops} opens in front of the server. */
    public static byte once(Function<InetSocketAddress, Hop> hops, EventLoopGroup serverGroup) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1);
        try (EchoServer server = new EchoServer(serverGroup);
             Hop hop = hops.apply(server.address());
             SocketChannel client = Sockets.connect(hop.address())) {
            buffer.put(0, (byte) 42);
            Sockets.writeFully(client, buffer);
            buffer.clear();
            Sockets.readFully(client, buffer);
        }
        return buffer.get(0);
    }
}
