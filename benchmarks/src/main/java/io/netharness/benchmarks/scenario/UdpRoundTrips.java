package io.netharness.benchmarks.scenario;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/**
 * Round trips of one datagram at a time to a UDP echo endpoint, from a fresh socket (so a fresh session in a proxy),
 * one datagram in flight. Each carries its sequence number, checked on return; an echo missing for 10 s fails
 * the measurement (no contender is impaired, so none may lose one).
 */
final class UdpRoundTrips {

    static final int DATAGRAM_BYTES = 64;
    /** Generous: the first datagram through a freshly started serve has taken over a second on a busy machine. */
    private static final int TIMEOUT_MILLIS = 10_000;

    private UdpRoundTrips() {
    }

    /** {@code warmup} round trips discarded, then {@code samples} recorded (nanoseconds). */
    static Histogram measure(InetSocketAddress via, int warmup, int samples) throws IOException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        byte[] out = new byte[DATAGRAM_BYTES];
        byte[] in = new byte[2048];
        DatagramPacket request = new DatagramPacket(out, out.length);
        DatagramPacket reply = new DatagramPacket(in, in.length);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(via);
            for (int i = -warmup; i < samples; i++) {
                ByteBuffer.wrap(out).putInt(0, i);
                reply.setLength(in.length);
                long start = System.nanoTime();
                socket.send(request);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    throw new IOException("no echo of datagram " + i + " through " + via + " within "
                            + TIMEOUT_MILLIS + " ms", e);
                }
                long elapsed = System.nanoTime() - start;
                int echoed = ByteBuffer.wrap(in).getInt(0);
                if (reply.getLength() != DATAGRAM_BYTES || echoed != i) {
                    throw new IOException("echo through " + via + " returned datagram " + echoed + " of "
                            + reply.getLength() + " bytes (expected: " + i + " of " + DATAGRAM_BYTES + ")");
                }
                if (i >= 0) {
                    histogram.recordValue(elapsed);
                }
            }
        }
        return histogram;
    }
}
