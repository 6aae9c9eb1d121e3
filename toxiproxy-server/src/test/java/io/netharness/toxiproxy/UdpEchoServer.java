package io.netharness.toxiproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A UDP echo server on 127.0.0.1 port 0 for tests: one thread sends every datagram back to its sender. */
final class UdpEchoServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    final AtomicInteger received = new AtomicInteger();

    UdpEchoServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(4 << 20); // a starved echo thread must not lose a burst
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::echo, "udp-echo");
        thread.setDaemon(true);
        thread.start();
    }

    String hostPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void echo() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                received.incrementAndGet();
                socket.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(),
                        packet.getSocketAddress()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("udp-echo did not stop");
        }
    }
}
