package io.netharness.simulator.internal.model;

import java.util.List;

/**
 * What a link does with one datagram, as decided by an {@link ImpairmentEngine}: dropped, or delivered as one
 * or more copies, each with its own departure time, possibly a flipped bit and possibly held for reordering.
 *
 * @param outcome what happened
 * @param bytes   payload bytes that go on (less than arrived when truncated to the MTU)
 * @param copies  the copies to send (empty when dropped; two when duplicated)
 */
public record DatagramFate(Outcome outcome, int bytes, List<Copy> copies) {

    /** Why a datagram went on or not. */
    public enum Outcome {
        /** Sent on unchanged in size. */
        DELIVERED,
        /** Sent on, cut to the MTU. */
        TRUNCATED,
        /** Dropped by the loss model. */
        LOST,
        /** Dropped for exceeding the MTU. */
        TOO_BIG
    }

    /**
     * One copy of a delivered datagram.
     *
     * @param departureNanos when to send it, on the clock the engine was given
     * @param corruptBit     bit to flip (see {@link CorruptionDecider}), or {@link CorruptionDecider#NONE}
     * @param holdGap        0 if sent at its departure time; otherwise it is held in a {@link ReorderWindow}
     *                       until this many later datagrams have passed it
     * @param maxHoldNanos   the longest it may be held
     */
    public record Copy(long departureNanos, long corruptBit, int holdGap, long maxHoldNanos) {

        public boolean corrupted() {
            return corruptBit != CorruptionDecider.NONE;
        }

        public boolean held() {
            return holdGap > 0;
        }
    }

    public DatagramFate {
        copies = List.copyOf(copies);
    }

    public boolean dropped() {
        return copies.isEmpty();
    }

    public boolean duplicated() {
        return copies.size() > 1;
    }
}
