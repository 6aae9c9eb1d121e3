package io.netharness.simulator.profile;

import java.util.Objects;

/**
 * Largest datagram a UDP link passes, counted as an IPv4 packet (payload + 20 bytes IP + 8 bytes UDP
 * header), like a real interface MTU: with {@code Mtu(1500, ...)} the largest payload that passes intact is
 * 1472 bytes. Larger datagrams are dropped or truncated to fit. UDP only; TCP links ignore it (TCP
 * segments to the MTU itself).
 *
 * @param bytes  the MTU in bytes; {@code >= 68} (IPv4's minimum)
 * @param action what happens to a datagram that does not fit
 */
public record Mtu(int bytes, OversizeAction action) {

    /** Bytes of IPv4 and UDP header counted against the MTU. */
    public static final int IPV4_UDP_HEADER_BYTES = 28;

    /** No limit. */
    public static final Mtu UNLIMITED = new Mtu(Integer.MAX_VALUE, OversizeAction.DROP);

    /** What happens to a datagram larger than the MTU. */
    public enum OversizeAction {
        /** The datagram is lost (counted as dropped). */
        DROP,
        /** The datagram is cut to the largest payload that fits (counted as truncated). */
        TRUNCATE
    }

    /** Validates both fields. */
    public Mtu {
        if (bytes < 68) {
            throw new IllegalArgumentException("mtu: " + bytes + " bytes (expected: >= 68)");
        }
        Objects.requireNonNull(action, "mtu.action");
    }

    /** An MTU that drops oversized datagrams. */
    public static Mtu of(int bytes) {
        return new Mtu(bytes, OversizeAction.DROP);
    }

    /** The largest UDP payload that passes unchanged. */
    public int maxPayloadBytes() {
        return bytes == Integer.MAX_VALUE ? Integer.MAX_VALUE : bytes - IPV4_UDP_HEADER_BYTES;
    }

    /** True for {@link #UNLIMITED}. */
    public boolean isUnlimited() {
        return bytes == Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "Mtu.UNLIMITED" : "Mtu[" + bytes + " bytes, " + action + "]";
    }
}
