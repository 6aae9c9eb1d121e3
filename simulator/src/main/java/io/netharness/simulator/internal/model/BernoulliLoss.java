package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Loss;
import java.util.random.RandomGenerator;

/** {@link Loss.Random}: losses at the given long-run rate, clustered by the correlation ({@link CorrelatedBernoulli}). */
final class BernoulliLoss implements LossModel {

    private final CorrelatedBernoulli decisions;

    BernoulliLoss(Loss.Random loss, RandomGenerator random) {
        this.decisions = new CorrelatedBernoulli(random, loss.probability(), loss.correlation());
    }

    @Override
    public boolean lose() {
        return decisions.next();
    }
}
