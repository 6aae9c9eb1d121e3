package io.netharness.toxiproxy.internal;

import io.netharness.simulator.Bandwidth;
import io.netharness.simulator.Direction;
import io.netharness.simulator.Latency;
import io.netharness.simulator.LinkProfile;
import io.netharness.simulator.Seeds;
import java.time.Duration;
import java.util.List;

/**
 * Folds the toxics that shape a whole direction ({@code latency}, {@code bandwidth}) into one
 * {@link LinkProfile} per direction, as Toxiproxy's chain would compose them: latencies add up, the narrowest
 * bandwidth wins.
 *
 * <p>Toxicity: the simulator applies a profile to every connection of a link, so a latency or bandwidth toxic
 * with toxicity between 0 and 1 is applied to all connections or none, decided once per toxic value by the
 * proxy's seed. Connection faults ({@link TcpFaultToxics}) honour toxicity per connection as Toxiproxy does.
 */
final class ProfileToxics {

    private ProfileToxics() {
    }

    /** The profile of {@code direction} that {@code toxics} produce, starting from {@code base}. */
    static LinkProfile profile(LinkProfile base, Direction direction, List<Toxic> toxics, long seed) {
        long latencyMillis = 0;
        long jitterMillis = 0;
        long bytesPerSecond = Long.MAX_VALUE;
        for (Toxic toxic : toxics) {
            if (toxic.stream().direction() != direction || !applies(toxic, seed)) {
                continue;
            }
            if (toxic.type() == ToxicType.LATENCY) {
                latencyMillis = saturatedAdd(latencyMillis, toxic.longAttribute("latency"));
                jitterMillis = saturatedAdd(jitterMillis, toxic.longAttribute("jitter"));
            } else if (toxic.type() == ToxicType.BANDWIDTH && toxic.longAttribute("rate") > 0) {
                // Toxiproxy's KB is 1000 bytes: it sleeps len(data) ms / rate.
                bytesPerSecond = Math.min(bytesPerSecond, saturatedMultiply(toxic.longAttribute("rate"), 1000));
            }
        }
        // Delays are never negative: jitter beyond the latency is clamped (see the package documentation).
        Latency latency = latencyMillis == 0 ? Latency.NONE
                : Latency.of(Duration.ofMillis(latencyMillis), Duration.ofMillis(Math.min(jitterMillis, latencyMillis)));
        Bandwidth bandwidth = bytesPerSecond == Long.MAX_VALUE ? Bandwidth.UNLIMITED
                : Bandwidth.ofBytesPerSecond(bytesPerSecond);
        return base.toBuilder().latency(latency).bandwidth(bandwidth).build();
    }

    /** Whether a toxic with partial toxicity is in force, decided by the seed and the toxic's own value. */
    static boolean applies(Toxic toxic, long seed) {
        if (toxic.toxicity() >= 1.0f) {
            return true;
        }
        if (toxic.toxicity() <= 0.0f) {
            return false;
        }
        return Seeds.generator(seed, "toxic/" + toxic.name() + "/" + toxic.hashCode()).nextDouble() < toxic.toxicity();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
