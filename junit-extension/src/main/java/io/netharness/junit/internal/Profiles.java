package io.netharness.junit.internal;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;

/** Turns the validated annotation values of one direction into the simulator's {@link LinkProfile}. */
final class Profiles {

    private Profiles() {}

    /** The profile that {@code spec} describes; zero values become the {@code NONE}/{@code UNLIMITED} parts. */
    public static LinkProfile toLinkProfile(DirectionSpec spec) {
        return LinkProfile.builder()
                .latency(new Latency(spec.latency(), spec.jitter(),
                        DelayDistribution.valueOf(spec.distribution()), spec.latencyCorrelation(),
                        spec.jitterKeepsOrder()))
                .loss(loss(spec))
                .duplication(spec.duplicate() == 0 ? Duplication.NONE
                        : new Duplication(spec.duplicate(), spec.duplicateCorrelation()))
                .reordering(spec.reorder() == 0 ? Reordering.NONE
                        : new Reordering(spec.reorder(), spec.reorderGap(), spec.reorderMaxHold()))
                .corruption(spec.corrupt() == 0 ? Corruption.NONE : new Corruption(spec.corrupt()))
                .bandwidth(spec.bytesPerSecond() == 0 ? Bandwidth.UNLIMITED : new Bandwidth(spec.bytesPerSecond()))
                .mtu(spec.mtu() == 0 ? Mtu.UNLIMITED : new Mtu(spec.mtu(),
                        spec.truncate() ? Mtu.OversizeAction.TRUNCATE : Mtu.OversizeAction.DROP))
                .build();
    }

    /**
     * With {@code lossStates}: that four-state model. Without a burst length: independent (or correlated, with the
     * same rate) losses at the given rate. With mean burst length
     * {@code b}: a Gilbert model that leaves the bad state with {@code r = 1/b} and enters it with
     * {@code p = loss * r / (1 - loss)}, so that the stationary loss rate {@code p / (p + r)} is {@code loss}.
     */
    static Loss loss(DirectionSpec spec) {
        if (spec.lossStates() != null) {
            return spec.lossStates();
        }
        if (spec.loss() == 0) {
            return Loss.NONE;
        }
        if (spec.burstLength() == 0) {
            return new Loss.Random(spec.loss(), spec.lossCorrelation());
        }
        double r = 1.0 / spec.burstLength();
        double p = Math.min(1.0, spec.loss() * r / (1.0 - spec.loss()));
        return Loss.gilbert(p, r);
    }
}
