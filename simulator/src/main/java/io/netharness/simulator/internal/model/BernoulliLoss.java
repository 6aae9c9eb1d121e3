package io.netharness.simulator.internal.model;

import io.netharness.simulator.Loss;
import java.util.random.RandomGenerator;

/** {@link Loss.Random}: lost when a (netem-correlated) uniform number falls below the probability. */
final class BernoulliLoss implements LossModel {

    private final CorrelatedUniform uniform;
    private final double probability;

    BernoulliLoss(Loss.Random loss, RandomGenerator random) {
        this.uniform = new CorrelatedUniform(random, loss.correlation());
        this.probability = loss.probability();
    }

    @Override
    public boolean lose() {
        return uniform.chance(probability);
    }
}
