package io.netharness.core;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * How NetHarness writes addresses and durations in every message, {@code toString} and report, so that one value
 * reads the same wherever it appears: {@code 127.0.0.1:4000}, {@code [::1]:4000}, {@code 20ms}, {@code 1500us}.
 */
public final class Format {

    private Format() {
    }

    /**
     * {@code 127.0.0.1:4000}; an IPv6 address in brackets and its shortest form (RFC 5952), {@code [::1]:4000};
     * an unresolved address by its host name as given, {@code localhost:4000}; any other kind of address by its
     * {@code toString}.
     */
    public static String address(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return String.valueOf(address);
        }
        String host = inet.getAddress() != null ? NetUtil.toAddressString(inet.getAddress()) : inet.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
    }

    /**
     * A duration exactly, in the largest unit that keeps it whole, as the annotations spell durations:
     * {@code 2s}, {@code 20ms}, {@code 1500us}, {@code 250ns}, {@code -5ms}, {@code 0ms}. A duration too long for
     * nanoseconds (beyond about 292 years) keeps ISO-8601 ({@code PT2562047788015215H}).
     */
    public static String duration(Duration duration) {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.toString();
        }
        if (nanos == 0) {
            return "0ms";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }
}
