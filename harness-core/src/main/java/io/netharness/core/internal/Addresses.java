package io.netharness.core.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

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

    /** {@code 127.0.0.1:4000}, {@code [::1]:4000}, or the host name as given when unresolved. */
    public static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return String.valueOf(address);
        }
        String host = inet.getAddress() != null ? NetUtil.toAddressString(inet.getAddress()) : inet.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
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
