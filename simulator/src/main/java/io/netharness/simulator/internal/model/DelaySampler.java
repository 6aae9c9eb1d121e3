package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Latency;
import java.util.random.RandomGenerator;

/**
 * Samples one-way delays for a {@link Latency}: {@code base + jitter * x}, clamped at zero, in nanoseconds.
 *
 * <p>Correlation: {@code x = c * previous + sqrt(1 - c^2) * fresh} (a first-order autoregressive process).
 * Unlike netem's {@code (1 - c) * fresh + c * previous}, which shrinks the spread to
 * {@code sqrt((1 - c) / (1 + c))} of the configured jitter, this keeps the standard deviation equal to the
 * configured one at any correlation, so "20 ms ± 5 ms, 50 % correlated" still spreads by 5 ms. With a
 * correlation above zero, UNIFORM draws are no longer bounded by ± jitter (a sum of uniforms).
 */
public final class DelaySampler {

    private final RandomGenerator random;
    private final Latency latency;
    private final long baseNanos;
    private final double jitterNanos;
    private final double freshWeight;
    private double previous;
    private boolean first = true;

    public DelaySampler(Latency latency, RandomGenerator random) {
        this.latency = latency;
        this.random = random;
        this.baseNanos = latency.base().toNanos();
        this.jitterNanos = latency.jitter().toNanos();
        this.freshWeight = StrictMath.sqrt(1.0 - latency.correlation() * latency.correlation());
    }

    /** The next delay in nanoseconds, {@code >= 0}. */
    public long nextNanos() {
        if (jitterNanos == 0.0) {
            return baseNanos;
        }
        double fresh = StandardShapes.draw(latency.distribution(), random);
        double x;
        if (first || latency.correlation() == 0.0) {
            x = fresh;
            first = false;
        } else {
            x = latency.correlation() * previous + freshWeight * fresh;
        }
        previous = x;
        long delay = baseNanos + (long) StrictMath.rint(jitterNanos * x);
        return Math.max(0L, delay);
    }

    public Latency latency() {
        return latency;
    }
}
