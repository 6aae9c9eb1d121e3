package io.netharness.simulator.profile;

import io.netharness.simulator.internal.Check;

/**
 * Flips one bit of some datagrams (or chunks), like netem's {@code corrupt P}. Which bit is drawn from the
 * link's seeded generator, uniformly over the payload. Empty datagrams cannot be corrupted.
 *
 * @param probability chance that a datagram gets one bit flipped, 0.0-1.0
 */
public record Corruption(double probability) {

    /** Never corrupts. */
    public static final Corruption NONE = new Corruption(0.0);

    /** Validates the probability. */
    public Corruption {
        Check.probability("corruption", probability);
    }
}
