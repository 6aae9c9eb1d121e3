package io.netharness.simulator;

import java.util.Objects;

/**
 * What crossed one direction of a link, as a snapshot.
 *
 * <p>Every datagram that arrives is counted in {@code datagramsIn}; it is then either {@code dropped} (lost,
 * too large for the MTU, or the link was cut) or delivered, possibly more than once when duplicated. So
 * {@code delivered == datagramsIn - dropped + duplicated} once nothing is in flight. For TCP links a "datagram"
 * is a chunk of bytes as read from the socket.
 *
 * @param bytesIn        payload bytes that arrived at the link
 * @param bytesDelivered payload bytes sent on towards the receiver, copies included
 * @param datagramsIn    datagrams (UDP) or chunks (TCP) that arrived
 * @param delivered      datagrams or chunks sent on, copies included
 * @param dropped        datagrams or chunks not sent on
 * @param duplicated     extra copies made
 * @param reordered      datagrams held back so later ones overtook them
 * @param corrupted      datagrams with a bit flipped
 * @param truncated      datagrams cut to the MTU
 * @param delays         the delay each delivered datagram spent in the link
 */
public record DirectionStatistics(long bytesIn, long bytesDelivered, long datagramsIn, long delivered,
        long dropped, long duplicated, long reordered, long corrupted, long truncated, DelayHistogram delays) {

    /** Requires the histogram. */
    public DirectionStatistics {
        Objects.requireNonNull(delays, "delays");
    }

    @Override
    public String toString() {
        return "in " + datagramsIn + " (" + bytesIn + " bytes), delivered " + delivered + " (" + bytesDelivered
                + " bytes), dropped " + dropped + ", duplicated " + duplicated + ", reordered " + reordered
                + ", corrupted " + corrupted + ", truncated " + truncated + ", delays " + delays;
    }
}
