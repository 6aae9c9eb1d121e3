package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.DelayDistribution;
import java.util.random.RandomGenerator;

/**
 * Draws of the standardised random part of a delay, one function per {@link DelayDistribution}: each has mean
 * 0 and standard deviation 1, except UNIFORM, which spans [-1, 1) so that {@code jitter} is its half-width
 * (as in netem). Own implementations from {@link RandomGenerator#nextDouble()} and {@link StrictMath}, so the
 * same seed gives the same values on every JDK (the JDK's {@code nextGaussian} algorithm is not specified).
 */
final class StandardShapes {

    /** Pareto shape parameter; 3 keeps the variance finite. */
    private static final double PARETO_ALPHA = 3.0;
    /** Mean and standard deviation of a Pareto(alpha 3, scale 1) variable: 1.5 and sqrt(0.75). */
    private static final double PARETO_MEAN = PARETO_ALPHA / (PARETO_ALPHA - 1.0);
    private static final double PARETO_SD = StrictMath.sqrt(PARETO_ALPHA / ((PARETO_ALPHA - 1) * (PARETO_ALPHA - 1)
            * (PARETO_ALPHA - 2)));
    private static final double SQRT_10 = StrictMath.sqrt(10.0);

    private StandardShapes() {
    }

    static double draw(DelayDistribution distribution, RandomGenerator random) {
        return switch (distribution) {
            case UNIFORM -> uniform(random);
            case NORMAL -> normal(random);
            case PARETO -> pareto(random);
            case PARETO_NORMAL -> (pareto(random) + 3.0 * normal(random)) / SQRT_10;
        };
    }

    /** Uniform in [-1, 1). */
    static double uniform(RandomGenerator random) {
        return 2.0 * random.nextDouble() - 1.0;
    }

    /** Standard normal by Box-Muller (one value per call; the pair's second value is not kept). */
    static double normal(RandomGenerator random) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Pareto(alpha 3) by inversion, shifted and scaled to mean 0, standard deviation 1; never below -0.577. */
    static double pareto(RandomGenerator random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double x = 1.0 / StrictMath.cbrt(u); // u^(-1/alpha) with alpha 3
        return (x - PARETO_MEAN) / PARETO_SD;
    }
}
