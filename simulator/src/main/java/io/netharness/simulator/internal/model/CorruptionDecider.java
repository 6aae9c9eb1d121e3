package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Corruption;
import java.util.random.RandomGenerator;

/**
 * {@link Corruption}: whether a datagram gets a bit flipped, and which: bit {@code i} is bit {@code i % 8}
 * (0 = least significant) of byte {@code i / 8}, uniform over the payload.
 */
public final class CorruptionDecider {

    /** Returned when nothing is to be flipped. */
    public static final long NONE = -1;

    private final RandomGenerator random;
    private final double probability;

    public CorruptionDecider(Corruption corruption, RandomGenerator random) {
        this.random = random;
        this.probability = corruption.probability();
    }

    /** The index of the bit to flip in a payload of {@code bytes} bytes, or {@link #NONE}. */
    public long bitToFlip(int bytes) {
        if (probability <= 0.0 || bytes <= 0) {
            return NONE;
        }
        if (random.nextDouble() >= probability) {
            return NONE;
        }
        return random.nextLong(8L * bytes);
    }

    /** Flips bit {@code bit} of {@code data} in place (for byte-array users such as the stream components). */
    public static void flip(byte[] data, long bit) {
        data[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
    }
}
