package io.netharness.simulator.profile;


/**
 * Shape of the random part of a {@link Latency}, after Linux netem's {@code delay ... distribution}.
 *
 * <p>In every case the sampled delay is {@code base + jitter * x} where {@code x} is drawn from the shape
 * below, and a delay is never negative (it is clamped at zero).
 */
public enum DelayDistribution {
    /** {@code x} uniform in [-1, 1): the delay is uniform in {@code base ± jitter}. */
    UNIFORM,
    /** {@code x} standard normal: {@code jitter} is the standard deviation. */
    NORMAL,
    /**
     * {@code x} from a Pareto distribution (shape 3, scale 2/3, shifted to mean 0 and scaled to unit
     * standard deviation): mostly a little under {@code base}, with a long tail of late datagrams.
     */
    PARETO,
    /**
     * netem's "paretonormal": {@code (pareto + 3 * normal) / sqrt(10)} with the two shapes above drawn
     * independently, so mostly normal with a heavier late tail; unit standard deviation.
     */
    PARETO_NORMAL
}
