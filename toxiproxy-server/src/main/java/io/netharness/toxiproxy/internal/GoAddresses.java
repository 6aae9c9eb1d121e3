package io.netharness.toxiproxy.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses and prints {@code host:port} the way Go's net package does ({@code [::1]:80} for IPv6). */
public final class GoAddresses {

    private GoAddresses() {
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

    /**
     * Parses and resolves a listen address as Go's {@code net.Listen} does, failing with Go's words (without the
     * {@code listen tcp: } prefix), e.g. {@code address 127.0.0.1: missing port in address}.
     *
     * @throws GoAddressError with Go's message
     */
    public static InetSocketAddress goListen(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw new GoAddressError("address " + text + ": missing ']' in address");
            }
            if (end + 1 == text.length()) {
                throw new GoAddressError("address " + text + ": missing port in address");
            }
            if (text.charAt(end + 1) != ':') {
                throw new GoAddressError("address " + text + ": missing port in address");
            }
            host = text.substring(1, end);
            port = text.substring(end + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new GoAddressError("address " + text + ": missing port in address");
            }
            host = text.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw new GoAddressError("address " + text + ": too many colons in address");
            }
            port = text.substring(colon + 1);
        }
        int number;
        if (port.isEmpty()) {
            number = 0; // Go reads "host:" as port 0
        } else if (port.chars().allMatch(Character::isDigit)) {
            number = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
            if (number > 65535) {
                throw new GoAddressError("address " + port + ": invalid port");
            }
        } else {
            throw new GoAddressError("lookup tcp/" + port + ": unknown port");
        }
        if (host.isEmpty()) {
            return new InetSocketAddress(number);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new GoAddressError("lookup " + host + ": no such host");
        }
    }

    /** A listen address Go would refuse; the message is Go's. */
    public static final class GoAddressError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        GoAddressError(String message) {
            super(message);
        }
    }

    private static IllegalArgumentException invalid(String field, String text, String why) {
        return new IllegalArgumentException(field + ": \"" + text + "\" (expected: host:port; " + why + ")");
    }
}
