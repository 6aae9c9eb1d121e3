package io.netharness.benchmarks.scenario;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.HdrHistogram.Histogram;

/**
 * 1-byte round trips over one fresh connection to an echo endpoint, one message in flight, from a blocking JDK
 * client. Each message carries a counter byte, checked on return, so a hop that loses or mixes up data fails
 * instead of measuring.
 */
public final class TcpRoundTrips {

    private TcpRoundTrips() {
    }

    /** {@code warmup} round trips discarded, then {@code samples} recorded (nanoseconds). */
    public static Histogram measure(InetSocketAddress via, int warmup, int samples) throws IOException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        ByteBuffer out = ByteBuffer.allocateDirect(1);
        ByteBuffer in = ByteBuffer.allocateDirect(1);
        try (SocketChannel channel = Sockets.connect(via)) {
            for (int i = -warmup; i < samples; i++) {
                byte mark = (byte) i;
                out.clear();
                out.put(0, mark);
                in.clear();
                long start = System.nanoTime();
                Sockets.writeFully(channel, out);
                Sockets.readFully(channel, in);
                long elapsed = System.nanoTime() - start;
                if (in.get(0) != mark) {
                    throw new IOException("echo through " + via + " returned " + in.get(0) + " (expected: " + mark + ")");
                }
                if (i >= 0) {
                    histogram.recordValue(elapsed);
                }
            }
        }
        return histogram;
    }
}
