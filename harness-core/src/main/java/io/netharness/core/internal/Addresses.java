package io.netharness.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** Address checks and formatting shared by every component. */
public final class Addresses {

    /** Where everything listens unless the user asks otherwise. */
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Addresses() {
    }

    /** Checks {@code port} against {@code min}-65535 in Netty's message style. */
    public static int checkPort(int port, int min) {
        if (port < min || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: " + min + "-65535)");
        }
        return port;
    }

    /** Loopback at {@code port} (0 picks a free one): what every builder's {@code port(int)} binds. */
    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LOOPBACK, checkPort(port, 0));
    }

    /** Checks an address a builder was told to bind: present, with a port of 0-65535. */
    public static InetSocketAddress checkBindAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        checkPort(address.getPort(), 0);
        return address;
    }

    /** A resolved address for {@code host} and {@code port}; the error names both if it cannot resolve. */
    public static InetSocketAddress resolve(String host, int port, int minPort) {
        checkPort(port, minPort);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("host: " + host + " (cannot be resolved)");
        }
        return address;
    }
}
