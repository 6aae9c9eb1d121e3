package io.netharness.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for servers that must be told their port in advance (redis-server, nginx and dnsmasq cannot
 * bind port 0 and report it). The port is free when returned; a server that then loses the race fails to start,
 * and {@link ServerProcess} tries again with another port.
 */
public final class LocalPorts {

    private LocalPorts() {}

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    public static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on loopback", e);
        }
    }

    /** A port that is free for both TCP and UDP on 127.0.0.1 (dnsmasq binds both). */
    public static int freeTcpAndUdpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freeTcpPort();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the UDP port is in use; try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on loopback after 50 attempts");
    }
}
