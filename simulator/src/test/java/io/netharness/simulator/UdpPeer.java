package io.netharness.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain {@link DatagramSocket} peer on loopback for link tests: a reader thread queues what arrives (with
 * its arrival time) or, as an echo server, sends it straight back. Deliberately not harness-core's peers.
 */
final class UdpPeer implements AutoCloseable {

    /** A datagram as received. */
    record Received(byte[] data, InetSocketAddress sender, long nanoTime) {
    }

    private final DatagramSocket socket;
    private final boolean echo;
    private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(1 << 18);
    private final AtomicLong count = new AtomicLong();
    private final Thread reader;

    private UdpPeer(boolean echo) {
        this(open(), echo);
    }

    private UdpPeer(DatagramSocket socket, boolean echo) {
        this.socket = socket;
        this.echo = echo;
        reader = new Thread(this::read, (echo ? "udp-echo-" : "udp-peer-") + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    private static DatagramSocket open() {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.setSendBufferSize(4 << 20);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer bound to 127.0.0.1 that sends multicast out of {@code lo}. */
    static UdpPeer multicastSender() {
        DatagramSocket socket = open();
        try {
            socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
        } catch (IOException e) {
            socket.close();
            throw new UncheckedIOException(e);
        }
        return new UdpPeer(socket, false);
    }

    /** A peer that joins {@code group} on {@code lo} (bound to the group address, any free port). */
    static UdpPeer groupMember(InetAddress group) {
        try {
            MulticastSocket socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(group, 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.joinGroup(new InetSocketAddress(group, 0), NetworkInterface.getByName("lo"));
            return new UdpPeer(socket, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer that queues what it receives. */
    static UdpPeer receiver() {
        return new UdpPeer(false);
    }

    /** A peer that sends every datagram back to its sender (and counts it). */
    static UdpPeer echoServer() {
        return new UdpPeer(true);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sequence numbers (first 4 bytes) of everything queued so far, taking it out of the queue. */
    java.util.BitSet drainSequences() {
        java.util.BitSet seen = new java.util.BitSet();
        Received datagram;
        while ((datagram = received.poll()) != null) {
            seen.set(java.nio.ByteBuffer.wrap(datagram.data()).getInt());
        }
        return seen;
    }

    void send(byte[] data, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, or {@code null} after {@code timeout}. */
    Received poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Datagrams received so far (echoed ones included). */
    long count() {
        return count.get();
    }

    private void read() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            long now = System.nanoTime();
            byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            if (echo) {
                try {
                    socket.send(new DatagramPacket(data, data.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            } else {
                received.offer(new Received(data, (InetSocketAddress) packet.getSocketAddress(), now));
            }
            count.incrementAndGet();
        }
    }

    /** Closes the socket and waits for the reader; an interrupt is kept and ends the wait with an exception. */
    @Override
    public void close() {
        socket.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + reader.getName() + " was stopping", e);
        }
        if (reader.isAlive()) {
            throw new IllegalStateException(reader.getName() + " did not stop within 10 s");
        }
    }
}
