package io.netharness.simulator;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What crossed one direction of a link, as a snapshot.
 *
 * <p>Bytes: every byte the link reads is counted in {@code bytesIn} and is, at any moment, in flight in the link,
 * delivered (accepted by the receiving socket) or dropped under a {@link DropCause}. A TCP link never copies
 * bytes, so {@code bytesIn == bytesDelivered + bytesDropped() + bytesInFlight}; a datagram link adds the bytes of
 * the extra copies it makes to the right-hand side's sources. Once a link is closed nothing is in flight; closing
 * a link checks that its figures add up and fails loudly if they do not.
 *
 * <p>Datagrams: every datagram that arrives is counted in {@code datagramsIn}; it is then either {@code dropped}
 * (lost, too large for the MTU, the link was cut) or delivered, possibly more than once when duplicated. So
 * {@code delivered == datagramsIn - dropped + duplicated} once nothing is in flight. For TCP links a "datagram"
 * is a chunk of bytes as read from the socket, and a chunk counts as delivered when it is handed to the socket.
 *
 * <p>{@code droppedBeforeLink} is apart from all that: datagrams addressed to the link that the operating system
 * dropped before the link could read them (its socket's receive buffer was full), so they never reached
 * {@code datagramsIn}. The sender sent {@code datagramsIn + droppedBeforeLink}. Read on Linux from the drop counter of
 * the link's own UDP sockets when the snapshot is taken ({@code getsockopt(SO_MEMINFO)} on epoll, the {@code drops}
 * column of {@code /proc/net/udp} and {@code /proc/net/udp6} on NIO) and kept for sockets the link has closed;
 * always 0 for TCP links, where the kernel drops nothing, and on other systems.
 *
 * @param bytesIn        payload bytes that arrived at the link
 * @param bytesDelivered payload bytes the receiving socket accepted, copies included
 * @param bytesInFlight  payload bytes the link holds: queued, delayed, or handed to a socket that has not yet
 *                       accepted them
 * @param datagramsIn    datagrams (UDP) or chunks (TCP) that arrived
 * @param delivered      datagrams or chunks sent on, copies included
 * @param dropped        datagrams or chunks not sent on
 * @param duplicated     extra copies made
 * @param reordered      datagrams held back so later ones overtook them
 * @param corrupted      datagrams with a bit flipped
 * @param truncated      datagrams cut to the MTU
 * @param droppedBytes   payload bytes read and not delivered, by cause (causes with none are absent)
 * @param delays         the delay each delivered datagram spent in the link
 * @param droppedBeforeLink datagrams the kernel dropped at the link's sockets before the link read them
 */
public record DirectionStatistics(long bytesIn, long bytesDelivered, long bytesInFlight, long datagramsIn,
        long delivered, long dropped, long duplicated, long reordered, long corrupted, long truncated,
        Map<DropCause, Long> droppedBytes, DelayHistogram delays, long droppedBeforeLink) {

    /** Requires the map and the histogram; keeps an unmodifiable copy of the map without zero entries. */
    public DirectionStatistics {
        Objects.requireNonNull(delays, "delays");
        EnumMap<DropCause, Long> nonZero = new EnumMap<>(DropCause.class);
        Objects.requireNonNull(droppedBytes, "droppedBytes").forEach((cause, bytes) -> {
            if (bytes != 0) {
                nonZero.put(Objects.requireNonNull(cause, "cause"), bytes);
            }
        });
        droppedBytes = Map.copyOf(nonZero);
    }

    /** The figures of a direction whose kernel dropped nothing before the link (TCP links, and tests). */
    public DirectionStatistics(long bytesIn, long bytesDelivered, long bytesInFlight, long datagramsIn,
            long delivered, long dropped, long duplicated, long reordered, long corrupted, long truncated,
            Map<DropCause, Long> droppedBytes, DelayHistogram delays) {
        this(bytesIn, bytesDelivered, bytesInFlight, datagramsIn, delivered, dropped, duplicated, reordered, corrupted,
                truncated, droppedBytes, delays, 0);
    }

    /** Payload bytes read and not delivered, whatever the cause. */
    public long bytesDropped() {
        long sum = 0;
        for (long bytes : droppedBytes.values()) {
            sum += bytes;
        }
        return sum;
    }

    /** Payload bytes read and not delivered for {@code cause}. */
    public long bytesDropped(DropCause cause) {
        return droppedBytes.getOrDefault(Objects.requireNonNull(cause, "cause"), 0L);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append("in ").append(datagramsIn).append(" (").append(bytesIn)
                .append(" bytes), delivered ").append(delivered).append(" (").append(bytesDelivered)
                .append(" bytes), dropped ").append(dropped).append(" (").append(bytesDropped()).append(" bytes");
        for (DropCause cause : DropCause.values()) {
            long bytes = bytesDropped(cause);
            if (bytes != 0) {
                text.append(", ").append(cause.name().toLowerCase(Locale.ROOT)).append(' ').append(bytes);
            }
        }
        return text.append("), in flight ").append(bytesInFlight).append(" bytes, duplicated ").append(duplicated)
                .append(", reordered ").append(reordered).append(", corrupted ").append(corrupted)
                .append(", truncated ").append(truncated)
                .append(droppedBeforeLink != 0 ? ", dropped before the link " + droppedBeforeLink : "")
                .append(", delays ").append(delays).toString();
    }
}
