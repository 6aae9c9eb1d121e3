package io.netharness.toxiproxy.internal;

import io.netharness.simulator.Direction;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Reordering;
import java.time.Duration;
import java.util.List;

/**
 * Folds the toxics that shape a whole direction into one {@link LinkProfile} per direction, as Toxiproxy's chain
 * would compose them: latencies add up, the narrowest bandwidth wins. The UDP extensions compose the same way:
 * several {@code loss} (or {@code duplicate}, {@code corrupt}) toxics act as independent chances
 * ({@code 1 - (1 - p1)(1 - p2)}); a {@code gilbert_elliott} or {@code four_state} toxic replaces random loss
 * (of several such, the last added wins); of several {@code reorder} toxics the last added wins.
 *
 * <p>Toxicity: as in Toxiproxy, every TCP connection has its own chain, so a toxic with toxicity between 0 and 1
 * is in force on some connections and not on others, decided per connection by the proxy's seed; the profile is
 * therefore folded per connection ({@link #profile(LinkProfile, Direction, List, long, long)}). UDP proxies take
 * only toxicity 0 or 1. Connection faults ({@link TcpFaultToxics}) honour toxicity per connection the same way.
 */
final class ProfileToxics {

    private ProfileToxics() {
    }

    /**
     * The profile of {@code direction} that {@code toxics} produce for connection {@code connectionIndex}, starting
     * from {@code base}.
     */
    static LinkProfile profile(LinkProfile base, Direction direction, List<Toxic> toxics, long seed,
            long connectionIndex) {
        long latencyMillis = 0;
        long jitterMillis = 0;
        long bytesPerSecond = Long.MAX_VALUE;
        double keep = 1.0;
        double lossCorrelation = 0.0;
        Loss chain = null;
        double noDuplicate = 1.0;
        double duplicateCorrelation = 0.0;
        double noCorruption = 1.0;
        Reordering reordering = Reordering.NONE;
        for (Toxic toxic : toxics) {
            if (toxic.stream().direction() != direction || !applies(toxic, seed, connectionIndex)) {
                continue;
            }
            switch (toxic.type()) {
                case LATENCY -> {
                    // Toxiproxy stores negative values; a negative delay there is no delay.
                    latencyMillis = saturatedAdd(latencyMillis, Math.max(0, toxic.longAttribute("latency")));
                    jitterMillis = saturatedAdd(jitterMillis, Math.max(0, toxic.longAttribute("jitter")));
                }
                case BANDWIDTH -> {
                    if (toxic.longAttribute("rate") > 0) {
                        // Toxiproxy's KB is 1000 bytes: it sleeps len(data) ms / rate.
                        bytesPerSecond = Math.min(bytesPerSecond, saturatedMultiply(toxic.longAttribute("rate"), 1000));
                    }
                }
                case LOSS -> {
                    keep *= 1.0 - toxic.doubleAttribute("probability");
                    lossCorrelation = Math.max(lossCorrelation, toxic.doubleAttribute("correlation"));
                }
                case GILBERT_ELLIOTT -> chain = new Loss.GilbertElliott(toxic.doubleAttribute("p"),
                        toxic.doubleAttribute("r"), toxic.doubleAttribute("loss_in_good"),
                        toxic.doubleAttribute("loss_in_bad"));
                case FOUR_STATE -> chain = new Loss.FourState(toxic.doubleAttribute("p13"), toxic.doubleAttribute("p31"),
                        toxic.doubleAttribute("p32"), toxic.doubleAttribute("p23"), toxic.doubleAttribute("p14"));
                case DUPLICATE -> {
                    noDuplicate *= 1.0 - toxic.doubleAttribute("probability");
                    duplicateCorrelation = Math.max(duplicateCorrelation, toxic.doubleAttribute("correlation"));
                }
                case CORRUPT -> noCorruption *= 1.0 - toxic.doubleAttribute("probability");
                case REORDER -> reordering = new Reordering(toxic.doubleAttribute("probability"),
                        (int) toxic.longAttribute("gap"), Duration.ofMillis(toxic.longAttribute("max_hold")));
                default -> {
                    // connection faults: TcpFaultToxics
                }
            }
        }
        // Delays are never negative: jitter beyond the latency is clamped (see the package documentation).
        Latency latency = latencyMillis == 0 ? Latency.NONE
                : Latency.of(Duration.ofMillis(latencyMillis), Duration.ofMillis(Math.min(jitterMillis, latencyMillis)));
        Bandwidth bandwidth = bytesPerSecond == Long.MAX_VALUE ? Bandwidth.UNLIMITED
                : Bandwidth.ofBytesPerSecond(bytesPerSecond);
        Loss loss = chain != null ? chain
                : keep < 1.0 ? new Loss.Random(1.0 - keep, lossCorrelation) : Loss.NONE;
        Duplication duplication = noDuplicate < 1.0 ? new Duplication(1.0 - noDuplicate, duplicateCorrelation)
                : Duplication.NONE;
        Corruption corruption = noCorruption < 1.0 ? new Corruption(1.0 - noCorruption) : Corruption.NONE;
        return base.toBuilder().latency(latency).bandwidth(bandwidth).loss(loss).duplication(duplication)
                .corruption(corruption).reordering(reordering).build();
    }

    /**
     * Whether a toxic is in force on connection {@code connectionIndex}: with partial toxicity, decided by the seed,
     * the toxic's own value and the connection, so that a connection keeps its decision while the toxic is unchanged.
     */
    static boolean applies(Toxic toxic, long seed, long connectionIndex) {
        if (toxic.toxicity() >= 1.0f) {
            return true;
        }
        if (toxic.toxicity() <= 0.0f) {
            return false;
        }
        // The stream name spells out the toxic's whole value (not hashCode: enums hash by identity, per JVM run).
        String stream = "toxic/" + toxic.name() + "/" + toxic.type().jsonName() + "/" + toxic.stream().jsonName()
                + "/" + toxic.toxicity() + "/" + toxic.attributes() + "/connection/" + connectionIndex;
        return Seeds.generator(seed, stream).nextDouble() < toxic.toxicity();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
