package io.netharness.benchmarks.scenario;

import io.netharness.simulator.InProcessLink;
import io.netharness.simulator.MulticastLink;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of {@link FirstUseCost}: in a fresh JVM, what the first link costs to build and start, and what its first
 * message costs next to its later ones. The endpoints are plain JDK sockets warmed up directly first, so that only the
 * link is cold. A message is one datagram sent and received (UDP, multicast), or one connection with a one-byte round
 * trip (TCP), each waited for before the next is sent.
 *
 * <p>Prints {@code <figure> <nanoseconds>} lines: {@code build}, {@code start}, {@code first}, {@code second},
 * {@code last} (message number {@code count}), {@code steady} (median of the last tenth), {@code idle} (one more
 * message after {@link #IDLE} without traffic, so the link's thread has gone to sleep as it had before the first),
 * {@code direct} (median of the same messages without the link), and {@code droppedBeforeLink} (a count).
 */
public final class FirstUseProbe {

    /** What the child measures. */
    enum Kind {
        /** A perfect UdpLink. */
        UDP,
        /** A UdpLink with 1 ms ± 0.5 ms latency both ways: its first datagram takes the timer path. */
        UDP_DELAYED,
        /** A perfect MulticastLink on loopback. */
        MULTICAST,
        /** A perfect TcpLink; one message is a connection with a one-byte round trip. */
        TCP
    }

    private static final int DIRECT_WARMUP = 2_000;
    /** The pause before the {@code idle} message: as long a sleep for the link's event loop as before the first. */
    static final Duration IDLE = Duration.ofMillis(100);
    private static final int TIMEOUT_MILLIS = 10_000;

    private FirstUseProbe() {
    }

    /** Arguments: the kind and the number of messages through the link. */
    public static void main(String[] args) throws Exception {
        Kind kind = Kind.valueOf(args[0]);
        int count = Integer.parseInt(args[1]);
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case UDP, UDP_DELAYED, MULTICAST -> datagrams(kind, count, out);
            case TCP -> connections(count, out);
            default -> throw new IllegalArgumentException("kind: " + kind);
        }
        System.out.print(out);
        System.out.flush();
        System.exit(0);
    }

    private static void datagrams(Kind kind, int count, StringBuilder out) throws Exception {
        try (DatagramSocket receiver = datagramSocket(); DatagramSocket sender = datagramSocket()) {
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            InetSocketAddress target = (InetSocketAddress) receiver.getLocalSocketAddress();
            long[] direct = new long[DIRECT_WARMUP];
            for (int i = 0; i < direct.length; i++) {
                direct[i] = oneDatagram(sender, target, receiver, i);
            }
            long started = System.nanoTime();
            InProcessLink link = switch (kind) {
                case UDP -> UdpLink.builder().target(target).seed(1).build();
                case UDP_DELAYED -> {
                    LinkProfile delayed = LinkProfile.builder()
                            .latency(Latency.of(Duration.ofMillis(1), Duration.ofNanos(500_000))).build();
                    yield UdpLink.builder().target(target).upstream(delayed).downstream(delayed).seed(1).build();
                }
                default -> MulticastLink.builder().group(new InetSocketAddress(InetAddress.getByName("239.255.91.17"), 0))
                        .receiver(target).seed(1).build();
            };
            long built = System.nanoTime();
            try (InProcessLink running = link) {
                link.start();
                long ready = System.nanoTime();
                long[] through = new long[count];
                for (int i = 0; i < count; i++) {
                    through[i] = oneDatagram(sender, link.address(), receiver, i);
                }
                LockSupport.parkNanos(IDLE.toNanos()); // an idle gap, part of what is measured
                long idle = oneDatagram(sender, link.address(), receiver, count);
                report(out, built - started, ready - built, through, idle, direct,
                        link.statistics().upstream().droppedBeforeLink());
            }
        }
    }

    /** Sends datagram {@code number} and waits for it at {@code receiver}; the time between, in nanoseconds. */
    private static long oneDatagram(DatagramSocket sender, InetSocketAddress to, DatagramSocket receiver, int number)
            throws IOException {
        byte[] payload = new byte[64];
        payload[0] = (byte) (number >>> 24);
        payload[1] = (byte) (number >>> 16);
        payload[2] = (byte) (number >>> 8);
        payload[3] = (byte) number;
        DatagramPacket in = new DatagramPacket(new byte[128], 128);
        long start = System.nanoTime();
        sender.send(new DatagramPacket(payload, payload.length, to));
        receiver.receive(in);
        long took = System.nanoTime() - start;
        if (!Arrays.equals(in.getData(), 0, 4, payload, 0, 4)) {
            throw new IllegalStateException("datagram " + number + " arrived out of turn");
        }
        return took;
    }

    private static void connections(int count, StringBuilder out) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> echo(server), "first-use-echo");
            echo.setDaemon(true);
            echo.start();
            InetSocketAddress target = (InetSocketAddress) server.getLocalSocketAddress();
            long[] direct = new long[DIRECT_WARMUP / 4];
            for (int i = 0; i < direct.length; i++) {
                direct[i] = oneConnection(target, i);
            }
            long started = System.nanoTime();
            TcpLink link = TcpLink.builder().target(target).seed(1).build();
            long built = System.nanoTime();
            try (TcpLink running = link.start()) {
                long ready = System.nanoTime();
                long[] through = new long[count];
                for (int i = 0; i < count; i++) {
                    through[i] = oneConnection(running.address(), i);
                }
                LockSupport.parkNanos(IDLE.toNanos()); // an idle gap, part of what is measured
                long idle = oneConnection(running.address(), count);
                report(out, built - started, ready - built, through, idle, direct, 0);
            }
        }
    }

    /** Connects, sends one byte and reads its echo; the time that took, in nanoseconds. */
    private static long oneConnection(InetSocketAddress to, int number) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(to, TIMEOUT_MILLIS);
            OutputStream output = socket.getOutputStream();
            output.write(number & 0x7f);
            int echoed = socket.getInputStream().read();
            long took = System.nanoTime() - start;
            if (echoed != (number & 0x7f)) {
                throw new IllegalStateException("connection " + number + " echoed " + echoed);
            }
            return took;
        }
    }

    /** Echoes every connection byte by byte until the peer closes; one connection at a time, as the probe makes them. */
    private static void echo(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream input = socket.getInputStream();
                OutputStream output = socket.getOutputStream();
                int b;
                while ((b = input.read()) >= 0) {
                    output.write(b);
                }
            } catch (IOException closedOrReset) {
                // next connection, or the server closed
            }
        }
    }

    private static DatagramSocket datagramSocket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setReceiveBufferSize(1 << 20);
        return socket;
    }

    private static void report(StringBuilder out, long build, long start, long[] through, long idle, long[] direct,
            long droppedBeforeLink) {
        int tenth = Math.max(1, through.length / 10);
        line(out, "build", build);
        line(out, "start", start);
        line(out, "first", through[0]);
        line(out, "second", through[Math.min(1, through.length - 1)]);
        line(out, "last", through[through.length - 1]);
        line(out, "steady", median(Arrays.copyOfRange(through, through.length - tenth, through.length)));
        line(out, "idle", idle);
        line(out, "direct", median(Arrays.copyOfRange(direct, direct.length - tenth, direct.length)));
        line(out, "droppedBeforeLink", droppedBeforeLink);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void line(StringBuilder out, String figure, long value) {
        out.append(String.format(Locale.ROOT, "%s %d%n", figure, value));
    }
}
