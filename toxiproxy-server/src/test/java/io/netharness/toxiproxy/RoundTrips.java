package io.netharness.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Measures through a proxy to an {@link EchoServer}: round-trip times and the time to echo a volume. */
final class RoundTrips {

    private static final int TIMEOUT_MILLIS = 10_000;

    private RoundTrips() {
    }

    static Socket connect(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))), TIMEOUT_MILLIS);
        return socket;
    }

    /** True if one byte sent through the proxy comes back (however long it takes, within the socket timeout). */
    static boolean echoes(String hostPort) throws IOException {
        try (Socket socket = connect(hostPort)) {
            roundTrip(socket.getOutputStream(), socket.getInputStream());
            return true;
        }
    }

    /**
     * The fastest of {@code count} one-byte round trips on one connection, in milliseconds (after one warm-up): what
     * upper bounds should check, since a machine busy with other work stretches single round trips by hundreds of
     * milliseconds but never shortens one below a proxy's latency.
     */
    static double fastestMillis(String hostPort, int count) throws IOException {
        try (Socket socket = connect(hostPort)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            roundTrip(out, in);
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                fastest = Math.min(fastest, roundTrip(out, in));
            }
            return fastest / 1e6;
        }
    }

    /** Median over {@code count} one-byte round trips on one connection, in milliseconds (after one warm-up). */
    static double medianMillis(String hostPort, int count) throws IOException {
        try (Socket socket = connect(hostPort)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            roundTrip(out, in);
            double[] samples = new double[count];
            for (int i = 0; i < count; i++) {
                samples[i] = roundTrip(out, in) / 1e6;
            }
            Arrays.sort(samples);
            return count % 2 == 1 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2;
        }
    }

    /** One one-byte round trip on an open connection, in milliseconds. */
    static double roundTripMillis(Socket socket) throws IOException {
        return roundTrip(socket.getOutputStream(), socket.getInputStream()) / 1e6;
    }

    private static long roundTrip(OutputStream out, InputStream in) throws IOException {
        long start = System.nanoTime();
        out.write('x');
        out.flush();
        if (in.read() != 'x') {
            throw new IOException("echo did not answer with the byte sent");
        }
        return System.nanoTime() - start;
    }

    /** Sends {@code bytes} and reads them all back (a writer thread keeps the pipe full); returns nanoseconds. */
    static long echoNanos(String hostPort, int bytes) throws Exception {
        try (Socket socket = connect(hostPort)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Thread writer = new Thread(() -> {
                try {
                    byte[] chunk = new byte[8192];
                    for (int sent = 0; sent < bytes; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the reader fails too and reports it
                }
            }, "echo-writer");
            long start = System.nanoTime();
            writer.start();
            byte[] buffer = new byte[16384];
            int received = 0;
            while (received < bytes) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("connection closed after " + received + " of " + bytes + " bytes");
                }
                received += n;
            }
            long elapsed = System.nanoTime() - start;
            writer.join(TIMEOUT_MILLIS);
            return elapsed;
        }
    }
}
