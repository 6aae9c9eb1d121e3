package io.netharness.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Blocking loopback clients for tests; every read has a timeout, so nothing hangs. */
final class Clients {

    static final int TIMEOUT_MILLIS = 10_000;

    private Clients() {}

    /** Connects, sends {@code text}, reads as many bytes back, closes. */
    static String roundTrip(InetSocketAddress address, String text) throws IOException {
        try (Socket socket = connect(address)) {
            return roundTrip(socket, text);
        }
    }

    /** Sends {@code text} on an open socket and reads as many bytes back. */
    static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new String(readFully(socket.getInputStream(), bytes.length), StandardCharsets.ISO_8859_1);
    }

    /** A connected socket with a read timeout. */
    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(buffer, read, length - read);
            if (n < 0) {
                throw new IOException("connection closed after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return buffer;
    }
}
