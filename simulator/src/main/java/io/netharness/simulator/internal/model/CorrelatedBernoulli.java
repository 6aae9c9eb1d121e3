package io.netharness.simulator.internal.model;

import java.util.random.RandomGenerator;

/**
 * Yes/no decisions with a long-run share {@code p} of yes whatever their correlation {@code c}: a two-state Markov
 * chain in which a decision is yes with {@code p + c * (1 - p)} after a yes and with {@code p * (1 - c)} after a no
 * (the first with {@code p}). Its stationary share of yes is exactly {@code p}, {@code c} is the correlation of
 * successive decisions, and runs of yes last {@code 1 / ((1 - p) * (1 - c))} decisions on average (runs of no
 * {@code 1 / (p * (1 - c))}). So correlation makes decisions cluster without moving their rate, unlike netem's
 * blended uniform ({@code (1 - c) * fresh + c * previous}), whose rate collapses as {@code c} grows. One uniform draw
 * per decision.
 */
final class CorrelatedBernoulli {

    private final RandomGenerator random;
    private final double afterYes;
    private final double afterNo;
    private final double probability;
    private boolean first = true;
    private boolean previous;

    /**
     * @param probability the long-run share of yes, 0.0-1.0
     * @param correlation of successive decisions, 0.0 (independent) to 1.0 (every decision repeats the first)
     */
    public CorrelatedBernoulli(RandomGenerator random, double probability, double correlation) {
        this.random = random;
        this.probability = probability;
        this.afterYes = probability + correlation * (1.0 - probability);
        this.afterNo = probability * (1.0 - correlation);
    }

    /** The next decision. */
    public boolean next() {
        if (probability <= 0.0) {
            return false;
        }
        double chance = first ? probability : previous ? afterYes : afterNo;
        first = false;
        previous = random.nextDouble() < chance;
        return previous;
    }
}
