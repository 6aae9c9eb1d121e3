package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Duplication;
import java.util.random.RandomGenerator;

/**
 * {@link Duplication}: whether a datagram is sent twice, at the given long-run rate, clustered by the correlation
 * ({@link CorrelatedBernoulli}).
 */
final class DuplicationDecider {

    private final CorrelatedBernoulli decisions;

    public DuplicationDecider(Duplication duplication, RandomGenerator random) {
        this.decisions = new CorrelatedBernoulli(random, duplication.probability(), duplication.correlation());
    }

    /** True if the next datagram gets one extra copy. */
    public boolean duplicate() {
        return decisions.next();
    }
}
