package io.netharness.junit.internal;

import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [ipv6]:port} targets. */
final class AddressText {

    /** What a valid address looks like, phrased to follow "requires that `x` be ". */
    public static final String FORMAT = "host:port with a port from 1 to 65535, such as \"127.0.0.1:5432\""
            + " or \"[::1]:5432\"";

    private AddressText() {}

    /**
     * Parses {@code host:port}; an unresolved host is looked up now, so a typo shows at once.
     *
     * @throws IllegalArgumentException if the text is not {@code host:port} or the port is out of range
     */
    public static InetSocketAddress parse(String text) {
        InetSocketAddress parts = split(text, 1);
        return new InetSocketAddress(parts.getHostString(), parts.getPort());
    }

    /**
     * Checks a listen address: {@code host:port} with a port from 0 (any free port) to 65535; the host is not
     * looked up, as it may name an interface of another machine.
     *
     * @throws IllegalArgumentException if the text is not {@code host:port} or the port is out of range
     */
    public static void checkListen(String text) {
        split(text, 0);
    }

    private static InetSocketAddress split(String text, int minPort) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("IPv6 host without brackets: " + text);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text, e);
        }
        if (port < minPort || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + text);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A port alone means 127.0.0.1; otherwise as {@link #parse(String)}. */
    public static InetSocketAddress parsePortOrAddress(String text) {
        String trimmed = text.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
            return parse("127.0.0.1:" + trimmed);
        }
        return parse(trimmed);
    }
}
