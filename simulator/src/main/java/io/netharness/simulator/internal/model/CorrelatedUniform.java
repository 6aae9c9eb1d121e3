package io.netharness.simulator.internal.model;

import java.util.random.RandomGenerator;

/**
 * netem's correlated random number (its {@code get_crandom} before the 2.6.x table rework): each value is
 * {@code (1 - correlation) * fresh + correlation * previous}, with {@code fresh} uniform in [0, 1). With
 * correlation 0 the values are independent; with 1 every value repeats the first. The blend keeps the mean
 * at 0.5 but narrows the spread, so a probability compared against it is not met at exactly its own rate
 * once correlated; that is netem's documented behaviour and kept for familiarity.
 */
public final class CorrelatedUniform {

    private final RandomGenerator random;
    private final double correlation;
    private double last;
    private boolean first = true;

    public CorrelatedUniform(RandomGenerator random, double correlation) {
        this.random = random;
        this.correlation = correlation;
    }

    /** The next value in [0, 1). */
    public double next() {
        double fresh = random.nextDouble();
        if (correlation == 0.0 || first) {
            first = false;
            last = fresh;
            return fresh;
        }
        last = (1.0 - correlation) * fresh + correlation * last;
        return last;
    }

    /** True with (about) the given probability; exactly that probability when uncorrelated. */
    public boolean chance(double probability) {
        if (probability <= 0.0) {
            return false;
        }
        return next() < probability;
    }
}
