package io.netharness.core.internal;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Objects;

/** Checks and defaults shared by the multicast components. */
public final class Multicast {

    private Multicast() {
    }

    /** Throws unless {@code group} is a multicast address, naming the valid ranges. */
    public static InetAddress checkGroup(InetAddress group) {
        Objects.requireNonNull(group, "group");
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("group: " + group.getHostAddress()
                    + " (expected: a multicast address, 224.0.0.0-239.255.255.255 or ff00::/8)");
        }
        return group;
    }

    /**
     * The loopback interface ({@code lo} on Linux). Multicast must name its interface on both the joining and
     * the sending side; left to the default route it would leave the machine or fail.
     */
    public static NetworkInterface loopbackInterface() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            if (lo == null) {
                throw new IllegalStateException("no network interface holds " + Addresses.LOOPBACK.getHostAddress()
                        + "; name one with networkInterface(...)");
            }
            return lo;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list network interfaces: " + e.getMessage(), e);
        }
    }

    /** The loopback address of {@code group}'s family: where senders bind by default. */
    public static InetAddress loopbackFor(InetAddress group) {
        try {
            return group instanceof Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** The interface a builder was given, or loopback if none, checked with {@link #checkUsable}. */
    public static NetworkInterface interfaceFor(InetAddress group, NetworkInterface chosenOrNull) {
        return checkUsable(group, chosenOrNull != null ? chosenOrNull : loopbackInterface());
    }

    /**
     * Refuses an IPv6 group on a loopback interface: Linux's {@code lo} carries IPv4 multicast but silently
     * delivers no IPv6 multicast (it lacks the MULTICAST flag), and a silent nothing is the worst answer.
     */
    public static NetworkInterface checkUsable(InetAddress group, NetworkInterface networkInterface) {
        boolean loopback;
        try {
            loopback = networkInterface.isLoopback();
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot inspect interface " + networkInterface.getName() + ": "
                    + e.getMessage(), e);
        }
        if (group instanceof Inet6Address && loopback) {
            throw new IllegalArgumentException("group: " + group.getHostAddress() + " (expected: an IPv4 group such as"
                    + " 239.255.0.1 on loopback interface " + networkInterface.getName()
                    + ", which carries no IPv6 multicast; or name another interface)");
        }
        return networkInterface;
    }

    public static int checkTtl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: 0-255)");
        }
        return ttl;
    }
}
