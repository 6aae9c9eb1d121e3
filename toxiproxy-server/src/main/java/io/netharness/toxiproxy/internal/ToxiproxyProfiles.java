package io.netharness.toxiproxy.internal;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.time.Duration;

/**
 * What a {@link LinkProfile} becomes on a real Toxiproxy: a latency toxic (whole milliseconds, uniform jitter)
 * and a bandwidth toxic (KB/s of 1000 bytes). Everything Toxiproxy cannot do is refused, naming the field.
 */
public final class ToxiproxyProfiles {

    private ToxiproxyProfiles() {
    }

    /** The toxics of one direction; zero means "no such toxic". */
    public record ToxicPlan(long latencyMillis, long jitterMillis, long kilobytesPerSecond) {

        /** True if the plan needs a latency toxic. */
        public boolean latency() {
            return latencyMillis > 0 || jitterMillis > 0;
        }

        /** True if the plan needs a bandwidth toxic. */
        public boolean bandwidth() {
            return kilobytesPerSecond > 0;
        }
    }

    /** @throws IllegalArgumentException naming the first part of the profile Toxiproxy cannot express */
    public static ToxicPlan plan(LinkProfile profile) {
        if (!profile.loss().equals(Loss.NONE)) {
            throw unsupported("loss", profile.loss());
        }
        if (!profile.duplication().equals(Duplication.NONE)) {
            throw unsupported("duplication", profile.duplication());
        }
        if (!profile.reordering().equals(Reordering.NONE)) {
            throw unsupported("reordering", profile.reordering());
        }
        if (!profile.corruption().equals(Corruption.NONE)) {
            throw unsupported("corruption", profile.corruption());
        }
        if (!profile.mtu().equals(Mtu.UNLIMITED)) {
            throw unsupported("mtu", profile.mtu());
        }
        Latency latency = profile.latency();
        if (!latency.jitter().isZero() && latency.distribution() != DelayDistribution.UNIFORM) {
            throw new IllegalArgumentException("latency.distribution: " + latency.distribution()
                    + " (expected: UNIFORM; Toxiproxy's jitter is uniform)");
        }
        if (latency.correlation() != 0.0) {
            throw new IllegalArgumentException("latency.correlation: " + latency.correlation()
                    + " (expected: 0.0; Toxiproxy draws each delay independently)");
        }
        long latencyMillis = wholeMillis("latency.base", latency.base());
        long jitterMillis = wholeMillis("latency.jitter", latency.jitter());
        Bandwidth bandwidth = profile.bandwidth();
        long kilobytes = 0;
        if (!bandwidth.isUnlimited()) {
            if (bandwidth.bytesPerSecond() < 1000) {
                throw new IllegalArgumentException("bandwidth: " + bandwidth.bytesPerSecond()
                        + " B/s (expected: >= 1000 B/s; Toxiproxy's unit is KB/s)");
            }
            kilobytes = Math.round(bandwidth.bytesPerSecond() / 1000.0);
        }
        return new ToxicPlan(latencyMillis, jitterMillis, kilobytes);
    }

    private static long wholeMillis(String field, Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(field + ": " + duration.toNanos() / 1e6
                    + "ms (expected: whole milliseconds; Toxiproxy's unit)");
        }
        return duration.toMillis();
    }

    private static IllegalArgumentException unsupported(String field, Object value) {
        return new IllegalArgumentException(field + ": " + value + " (expected: none; Toxiproxy has no packet-level "
                + "models; it can express latency with uniform jitter and bandwidth)");
    }
}
