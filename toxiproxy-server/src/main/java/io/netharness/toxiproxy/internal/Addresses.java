package io.netharness.toxiproxy.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses and prints {@code host:port} the way Go's net package does ({@code [::1]:80} for IPv6). */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or {@code :port} (all interfaces, as in Go).
     *
     * @param field the JSON field or flag named in the error message
     * @throws IllegalArgumentException naming the field, the value and the expected form
     */
    public static InetSocketAddress parse(String field, String text) {
        InetSocketAddress unresolved = parseUnresolved(field, text);
        if (unresolved.getHostString().isEmpty()) {
            return new InetSocketAddress(unresolved.getPort());
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(unresolved.getHostString()), unresolved.getPort());
        } catch (UnknownHostException e) {
            throw invalid(field, text, "unknown host");
        }
    }

    /**
     * Checks the form only and leaves the host unresolved, so that, as in Toxiproxy, an upstream is looked up
     * when a connection is made rather than when the proxy is created.
     */
    public static InetSocketAddress parseUnresolved(String field, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(field, text, "missing port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw invalid(field, text, "too many colons; write IPv6 addresses as [::1]:port");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(field, text, "port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw invalid(field, text, "port out of range 0-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Prints an address as Go does: {@code 127.0.0.1:8474}, {@code [::1]:8474}. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (host.indexOf(':') >= 0) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + address.getPort();
    }

    private static IllegalArgumentException invalid(String field, String text, String why) {
        return new IllegalArgumentException(field + ": \"" + text + "\" (expected: host:port; " + why + ")");
    }
}
