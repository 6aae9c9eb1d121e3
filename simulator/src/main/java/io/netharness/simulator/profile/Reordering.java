package io.netharness.simulator.profile;

import io.netharness.core.Format;
import io.netharness.simulator.internal.Check;
import java.time.Duration;

/**
 * Holds some datagrams (or stream items) back so later ones overtake them.
 *
 * <p>A datagram chosen with {@code probability} is held until {@code gap} later datagrams have passed it,
 * or until it has been held for {@code maxHold}, whichever comes first. The window <em>always</em> flushes:
 * a held datagram is never kept longer than {@code maxHold}, even if no more traffic comes (Kamaelia's
 * Reorder kept its items until more arrived). The hold comes on top of the {@link Latency}.
 *
 * @param probability chance that a datagram is held back, 0.0-1.0
 * @param gap         how many later datagrams overtake a held one; {@code >= 1}
 * @param maxHold     the longest a datagram is held; {@code >= 0}
 */
public record Reordering(double probability, int gap, Duration maxHold) {

    /** Never reorders. */
    public static final Reordering NONE = new Reordering(0.0, 1, Duration.ZERO);

    /** Validates every field. */
    public Reordering {
        Check.probability("reordering", probability);
        Check.atLeast("reordering.gap", gap, 1);
        Check.nonNegative("reordering.maxHold", maxHold);
    }

    @Override
    public String toString() {
        return probability == 0.0 ? "Reordering.NONE"
                : "Reordering[" + probability + ", gap " + gap + ", maxHold " + Format.duration(maxHold) + "]";
    }
}
