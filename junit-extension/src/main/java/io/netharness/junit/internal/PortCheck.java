package io.netharness.junit.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Verifies that a closed link or server no longer holds its port, by binding the port again. Ports are
 * ephemeral, so another test taking the same port in between is possible but rare; the check is worth it,
 * since a held port is how a leaked event loop or channel usually shows.
 */
final class PortCheck {

    private PortCheck() {}

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
