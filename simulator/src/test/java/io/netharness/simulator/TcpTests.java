package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Small blocking-socket helpers for the TcpLink tests; every wait has a deadline. */
final class TcpTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TcpTests() {
    }

    /** A client socket connected to {@code address} whose reads time out after {@link #TIMEOUT}. */
    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Reads exactly {@code n} bytes, failing on end of stream or after the socket's read timeout. */
    static byte[] readExactly(Socket socket, int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        assertThat(bytes).as("bytes read before end of stream").hasSize(n);
        return bytes;
    }

    /** Reads until end of stream (the socket's read timeout bounds the wait); returns what was read. */
    static byte[] readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads until the peer ends the connection, by FIN (returns "eof") or by reset (returns the exception message),
     * discarding data; fails if neither happens within the socket's read timeout.
     */
    static String awaitEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) != -1) {
                // discard: only the end matters here
            }
            return "eof";
        } catch (SocketTimeoutException e) {
            return fail("the connection neither closed nor reset within the read timeout", e);
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** Waits until {@code condition} holds, polling briefly, for up to {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("timed out after " + TIMEOUT + " waiting until " + what);
            }
            synchronized (monitor) {
                monitor.wait(2); // a bounded poll of a condition nothing can notify us about
            }
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
