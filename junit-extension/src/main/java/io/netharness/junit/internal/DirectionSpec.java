package io.netharness.junit.internal;

import io.netharness.simulator.profile.Loss;
import java.time.Duration;

/**
 * The validated impairments of one direction, as read from the annotations; converted to the simulator's
 * {@code LinkProfile} when the link is built.
 *
 * @param latency base delay
 * @param jitter delay variation, at most {@code latency}
 * @param distribution a {@code DelayDistribution} constant name: UNIFORM, NORMAL, PARETO or PARETO_NORMAL
 * @param latencyCorrelation 0..1
 * @param jitterKeepsOrder whether datagrams never overtake each other
 * @param loss average loss probability 0..1
 * @param lossCorrelation 0..1
 * @param burstLength mean burst length in datagrams, 0 for independent losses
 * @param lossStates netem's four-state loss model replacing the three above, or null
 * @param duplicate 0..1
 * @param duplicateCorrelation 0..1
 * @param reorder 0..1
 * @param reorderGap at least 1
 * @param reorderMaxHold longest hold of a reordered datagram
 * @param corrupt 0..1
 * @param bytesPerSecond rate limit, 0 for none
 * @param mtu largest datagram in bytes, 0 for none
 * @param truncate whether datagrams above the MTU are cut to fit rather than dropped
 */
record DirectionSpec(
        Duration latency,
        Duration jitter,
        String distribution,
        double latencyCorrelation,
        boolean jitterKeepsOrder,
        double loss,
        double lossCorrelation,
        double burstLength,
        Loss.FourState lossStates,
        double duplicate,
        double duplicateCorrelation,
        double reorder,
        int reorderGap,
        Duration reorderMaxHold,
        double corrupt,
        long bytesPerSecond,
        int mtu,
        boolean truncate) {}
