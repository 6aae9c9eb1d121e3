package io.netharness.simulator.profile;

import io.netharness.core.Format;
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
 * <p><b>Order.</b> By default a datagram drawn a shorter delay overtakes an earlier one, as on a real path (and in
 * netem). {@link #keepingOrder()} makes the jitter order-preserving instead: each datagram leaves at its arrival plus
 * its drawn delay, or right after the datagram before it if that is later, so datagrams never overtake each other
 * (explicit {@link Reordering} still does). Delays are drawn per datagram either way, from the same seed. TCP links
 * never let chunks overtake, so the option changes nothing there.
 *
 * @param base         the mean delay; {@code >= 0}
 * @param jitter       the spread around {@code base}: half-width for {@link DelayDistribution#UNIFORM},
 *                     standard deviation for the others; {@code 0 <= jitter <= base}
 * @param distribution shape of the random part
 * @param correlation  0.0-1.0, how much each random part follows the previous one
 * @param keepsOrder   true if no datagram may leave before one that arrived before it
 */
public record Latency(Duration base, Duration jitter, DelayDistribution distribution, double correlation,
        boolean keepsOrder) {

    /** No delay at all. */
    public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO, DelayDistribution.UNIFORM, 0.0);

    /** Validates every field; messages name the field and its valid range. */
    public Latency {
        Check.nonNegative("latency.base", base);
        Check.nonNegative("latency.jitter", jitter);
        if (jitter.compareTo(base) > 0) {
            throw new IllegalArgumentException("latency.jitter: " + Format.duration(jitter)
                    + " (expected: <= base " + Format.duration(base) + ")");
        }
        Objects.requireNonNull(distribution, "latency.distribution");
        Check.probability("latency.correlation", correlation);
    }

    /** A latency whose jitter may reorder datagrams (the default); see "Order" above. */
    public Latency(Duration base, Duration jitter, DelayDistribution distribution, double correlation) {
        this(base, jitter, distribution, correlation, false);
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
        return new Latency(base, jitter, newDistribution, correlation, keepsOrder);
    }

    /** This latency with another correlation (0.0-1.0). */
    public Latency withCorrelation(double newCorrelation) {
        return new Latency(base, jitter, distribution, newCorrelation, keepsOrder);
    }

    /** This latency with order-preserving jitter: datagrams never overtake each other (see "Order" above). */
    public Latency keepingOrder() {
        return new Latency(base, jitter, distribution, correlation, true);
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
        return "Latency[" + Format.duration(base) + " ± " + Format.duration(jitter) + " " + distribution
                + (correlation == 0.0 ? "" : ", correlation " + correlation) + (keepsOrder ? ", order kept" : "") + "]";
    }
}
