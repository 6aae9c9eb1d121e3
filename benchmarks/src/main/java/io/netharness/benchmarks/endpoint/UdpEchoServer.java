package io.netharness.benchmarks.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Sends every datagram back to where it came from, from a dedicated thread on a blocking socket: the endpoint of the
 * UDP round trips. Closing the socket ends the thread.
 */
public final class UdpEchoServer implements AutoCloseable {

    private final DatagramChannel channel;
    private final Thread thread;

    public UdpEchoServer() {
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Threads.startDaemon("udp-echo", this::echoUntilClosed);
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void echoUntilClosed() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try {
            while (channel.isOpen()) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                channel.send(buffer, from);
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
