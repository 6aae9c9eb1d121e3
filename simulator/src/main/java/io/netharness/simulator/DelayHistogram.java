package io.netharness.simulator;

import java.time.Duration;

/**
 * Immutable snapshot of the delays a link added in one direction (time from arrival at the link to
 * departure towards the receiver). Values are recorded in whole microseconds; below 2.048 ms they are exact,
 * above that within 0.1 % (three significant digits). {@link #min()}, {@link #max()} and {@link #mean()} are
 * exact to the microsecond.
 */
public interface DelayHistogram {

    /** Number of recorded delays. */
    long count();

    /** Smallest delay, or zero when empty. */
    Duration min();

    /** Largest delay, or zero when empty. */
    Duration max();

    /** Arithmetic mean, or zero when empty. */
    Duration mean();

    /**
     * The delay below or at which the given share of the recorded delays lie.
     *
     * @param percentile 0.0-100.0, e.g. {@code 50.0} for the median, {@code 99.9}
     * @return the delay, or zero when empty
     */
    Duration percentile(double percentile);
}
