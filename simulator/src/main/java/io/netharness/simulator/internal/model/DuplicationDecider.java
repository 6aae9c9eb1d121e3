package io.netharness.simulator.internal.model;

import io.netharness.simulator.Duplication;
import java.util.random.RandomGenerator;

/** {@link Duplication}: whether a datagram is sent twice, from a (netem-correlated) uniform draw. */
public final class DuplicationDecider {

    private final CorrelatedUniform uniform;
    private final double probability;

    public DuplicationDecider(Duplication duplication, RandomGenerator random) {
        this.uniform = new CorrelatedUniform(random, duplication.correlation());
        this.probability = duplication.probability();
    }

    /** True if the next datagram gets one extra copy. */
    public boolean duplicate() {
        return uniform.chance(probability);
    }
}
