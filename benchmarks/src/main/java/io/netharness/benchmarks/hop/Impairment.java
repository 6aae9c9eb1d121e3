package io.netharness.benchmarks.hop;

import java.time.Duration;

/**
 * The impairment a hop applies in both directions, in terms each proxy can express: a fixed delay with
 * uniform jitter, and a bandwidth cap. Each hop translates it into its own configuration.
 *
 * @param latency        one-way delay added to every chunk or datagram ({@link Duration#ZERO} = none)
 * @param jitter         spread around {@code latency}, at most {@code latency}
 * @param bytesPerSecond bandwidth cap per direction, 0 = unlimited
 */
public record Impairment(Duration latency, Duration jitter, long bytesPerSecond) {

    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0);

    public Impairment {
        if (jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: <= latency " + latency + ")");
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: >= 0)");
        }
    }

    public static Impairment latency(Duration latency, Duration jitter) {
        return new Impairment(latency, jitter, 0);
    }

    public static Impairment bandwidth(long bytesPerSecond) {
        return new Impairment(Duration.ZERO, Duration.ZERO, bytesPerSecond);
    }

    public boolean isNone() {
        return latency.isZero() && bytesPerSecond == 0;
    }
}
