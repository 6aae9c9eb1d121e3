package io.netharness.junit.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * Verifies that a closed link or server no longer holds its port, by binding the port again. A held port is how a
 * leaked event loop or channel usually shows. The check allows a short grace period: the server side of connections
 * that were open at close time passes through FIN_WAIT before it frees the port, and under parallel tests another
 * socket's connection may hold the freed port as its ephemeral local port for a moment. A leak outlasts both.
 */
final class PortCheck {

    private PortCheck() {}

    static final Duration GRACE = Duration.ofSeconds(3);

    /** Whether the port becomes free within {@link #GRACE}; polls briefly, since no event tells when it frees. */
    static boolean becomesFree(InetSocketAddress address, boolean udp) {
        return becomesFree(address, udp, GRACE);
    }

    static boolean becomesFree(InetSocketAddress address, boolean udp, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            if (isFree(address, udp)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return isFree(address, udp);
            }
        }
        return false;
    }

    /** Whether a TCP listener (or, for UDP, a datagram socket) could bind {@code address} now. */
    static boolean isFree(InetSocketAddress address, boolean udp) {
        try {
            if (udp) {
                try (DatagramSocket socket = new DatagramSocket(address)) {
                    return socket.isBound();
                }
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address);
                return true;
            }
        } catch (BindException held) {
            return false;
        } catch (IOException other) {
            return true; // not a port conflict; nothing we can conclude
        }
    }
}
