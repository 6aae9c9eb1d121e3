package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Mtu;

/** {@link Mtu}: how many payload bytes of a datagram may pass. */
final class MtuLimiter {

    /** Returned when the datagram is to be dropped. */
    public static final int DROP = -1;

    private MtuLimiter() {
    }

    /**
     * @return {@code payloadBytes} if it fits, the truncated size for {@link Mtu.OversizeAction#TRUNCATE}, or
     *         {@link #DROP}
     */
    public static int allowedBytes(Mtu mtu, int payloadBytes) {
        int max = mtu.maxPayloadBytes();
        if (payloadBytes <= max) {
            return payloadBytes;
        }
        return mtu.action() == Mtu.OversizeAction.TRUNCATE ? max : DROP;
    }
}
