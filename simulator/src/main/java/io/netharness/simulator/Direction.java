package io.netharness.simulator;


/**
 * The two directions of a simulated link; each has its own {@link io.netharness.simulator.profile.LinkProfile}, its own
 * seeded decisions and its own {@link DirectionStatistics}.
 */
public enum Direction {
    /** From the client (the system under test) towards the link's target. */
    UPSTREAM,
    /** From the target back to the client. */
    DOWNSTREAM;

    /** The other direction. */
    public Direction opposite() {
        return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
    }
}
