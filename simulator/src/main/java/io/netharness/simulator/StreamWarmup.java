package io.netharness.simulator;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * The {@link LinkWarmup} of TCP links: a throwaway link to a plain JDK echo server on loopback carries a few dozen
 * connections, each with a short exchange and a close, perfect and then delayed and rate-limited, so that accepting,
 * connecting, relaying, delaying and closing have all run. Bounded: it stops after {@link #BUDGET}.
 */
final class StreamWarmup {

    private static final int CONNECTIONS = 40;
    private static final int TIMEOUT_MILLIS = 1_000;
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final LinkProfile DELAYED = LinkProfile.builder()
            .latency(Latency.of(Duration.ofNanos(200_000), Duration.ofNanos(100_000)))
            .bandwidth(Bandwidth.ofBytesPerSecond(200_000_000))
            .build();

    private StreamWarmup() {
    }

    /** Warms the TCP path; returns what the throwaway link carried. */
    static LinkStatistics tcp() throws IOException, InterruptedException {
        return tcp(BUDGET);
    }

    /** {@link #tcp()} with a time budget of {@code budget}. */
    static LinkStatistics tcp(Duration budget) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        try (Echo target = new Echo(); TcpLink link = TcpLink.builder().target(target.address()).seed(0x3a7_3e3dL)
                .build().start()) {
            exchanges(link.address(), deadline);
            link.profile(Direction.UPSTREAM, DELAYED);
            link.profile(Direction.DOWNSTREAM, DELAYED);
            exchanges(link.address(), deadline);
            return link.statistics();
        }
    }

    /** Connections with exchanges from 1 byte to 16 KiB, one after the other. */
    private static void exchanges(InetSocketAddress link, long deadline) throws IOException {
        for (int i = 0; i < CONNECTIONS && System.nanoTime() - deadline < 0; i++) {
            byte[] data = new byte[i % 8 == 7 ? 16_384 : 1 + i];
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                socket.connect(link, TIMEOUT_MILLIS);
                socket.getOutputStream().write(data);
                socket.getInputStream().readNBytes(data.length);
            }
        }
    }

    /** Echoes each connection until the peer closes, one connection at a time, from a daemon thread. */
    private static final class Echo implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        Echo() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::run, "netharness-warmup-echo");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        private void run() {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    connection.setSoTimeout(TIMEOUT_MILLIS);
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    byte[] buffer = new byte[16_384];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                    }
                } catch (IOException closedOrTimedOut) {
                    // the next connection, or the end
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            LinkWarmup.awaitEcho(thread);
        }
    }
}
