package io.netharness.simulator;

import java.util.Objects;

/**
 * Snapshot of what crossed a link, per direction. {@code toString()} prints every figure, for failure
 * reports.
 *
 * @param upstream   client to target
 * @param downstream target to client
 */
public record LinkStatistics(DirectionStatistics upstream, DirectionStatistics downstream) {

    /** Requires both directions. */
    public LinkStatistics {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(downstream, "downstream");
    }

    /** The statistics of one direction. */
    public DirectionStatistics direction(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    @Override
    public String toString() {
        return "LinkStatistics{upstream: " + upstream + "; downstream: " + downstream + "}";
    }
}
