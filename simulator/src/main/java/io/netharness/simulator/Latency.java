package io.netharness.simulator;

import io.netharness.simulator.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * One-way delay added to every datagram (or chunk) crossing a link in one direction, after Linux netem's
 * {@code delay TIME JITTER CORRELATION distribution NAME}.
 *
 * <p>Each delay is {@code base + jitter * x}, with {@code x} drawn from {@link #distribution()} (see
 * {@link DelayDistribution}) and clamped so a delay is never negative. {@code correlation} ties consecutive
 * draws together: {@code x = c * previous + sqrt(1 - c * c) * fresh} (0 = independent, 1 = every draw
 * repeats the first). Unlike netem's {@code (1 - c) * fresh + c * previous}, this keeps the spread equal to
 * {@code jitter} at any correlation.
 *
 * @param base         the mean delay; {@code >= 0}
 * @param jitter       the spread around {@code base}: half-width for {@link DelayDistribution#UNIFORM},
 *                     standard deviation for the others; {@code 0 <= jitter <= base}
 * @param distribution shape of the random part
 * @param correlation  0.0-1.0, how much each random part follows the previous one
 */
public record Latency(Duration base, Duration jitter, DelayDistribution distribution, double correlation) {

    /** No delay at all. */
    public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO, DelayDistribution.UNIFORM, 0.0);

    /** Validates every field; messages name the field and its valid range. */
    public Latency {
        Check.nonNegative("latency.base", base);
        Check.nonNegative("latency.jitter", jitter);
        if (jitter.compareTo(base) > 0) {
            throw new IllegalArgumentException("latency.jitter: " + Check.format(jitter)
                    + " (expected: <= base " + Check.format(base) + ")");
        }
        Objects.requireNonNull(distribution, "latency.distribution");
        Check.probability("latency.correlation", correlation);
    }

    /** A fixed delay without jitter. */
    public static Latency of(Duration base) {
        return new Latency(base, Duration.ZERO, DelayDistribution.UNIFORM, 0.0);
    }

    /** {@code base ± jitter}, uniformly distributed, uncorrelated. */
    public static Latency of(Duration base, Duration jitter) {
        return new Latency(base, jitter, DelayDistribution.UNIFORM, 0.0);
    }

    /** This latency with another distribution. */
    public Latency withDistribution(DelayDistribution newDistribution) {
        return new Latency(base, jitter, newDistribution, correlation);
    }

    /** This latency with another correlation (0.0-1.0). */
    public Latency withCorrelation(double newCorrelation) {
        return new Latency(base, jitter, distribution, newCorrelation);
    }

    /** True when no datagram is ever delayed. */
    public boolean isNone() {
        return base.isZero() && jitter.isZero();
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "Latency.NONE";
        }
        return "Latency[" + Check.format(base) + " ± " + Check.format(jitter) + " " + distribution
                + (correlation == 0.0 ? "" : ", correlation " + correlation) + "]";
    }
}
