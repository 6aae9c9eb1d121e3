package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Measurement 2: round trip of a 1-byte message through each hop into an echo server, one message in
 * flight. Variants run interleaved round by round, so a noisy second hits all of them; each percentile is
 * the median over rounds, and "added" is the link's percentile minus direct's in the same round.
 */
public final class RoundTripLatency {

    private static final double[] PERCENTILES = {50, 99, 99.9};

    private RoundTripLatency() {
    }

    public static Section run(SuiteConfig config) throws IOException {
        Map<Variant, double[][]> perRound = new EnumMap<>(Variant.class); // [percentile][round]
        Map<Variant, String> skipped = new EnumMap<>(Variant.class);
        for (int round = 0; round < config.rounds(); round++) {
            for (Variant variant : Variant.values()) {
                if (skipped.containsKey(variant)) {
                    continue;
                }
                try {
                    Histogram histogram = measure(variant, config);
                    double[][] figures = perRound.computeIfAbsent(variant,
                            v -> new double[PERCENTILES.length][config.rounds()]);
                    for (int p = 0; p < PERCENTILES.length; p++) {
                        figures[p][round] = histogram.getValueAtPercentile(PERCENTILES[p]);
                    }
                } catch (NotMeasured e) {
                    skipped.put(variant, e.getMessage());
                }
            }
        }
        return report(config, perRound, skipped);
    }

    private static Histogram measure(Variant variant, SuiteConfig config) throws IOException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        try (PingPong pingPong = new PingPong(variant, 1)) {
            for (int i = 0; i < config.pingWarmup(); i++) {
                pingPong.roundTrip();
            }
            for (int i = 0; i < config.pingSamples(); i++) {
                histogram.recordValue(pingPong.roundTrip());
            }
        }
        return histogram;
    }

    private static Section report(SuiteConfig config, Map<Variant, double[][]> perRound,
                                  Map<Variant, String> skipped) {
        Section section = new Section("2. Added round-trip latency, 1-byte messages");
        section.header("variant", "p50", "p99", "p99.9", "added p50", "added p99", "added p99.9");
        double[][] direct = perRound.get(Variant.DIRECT);
        for (Variant variant : Variant.values()) {
            if (skipped.containsKey(variant)) {
                section.row(variant, skipped.get(variant), "", "", "", "", "");
                continue;
            }
            double[][] figures = perRound.get(variant);
            Object[] cells = new Object[1 + 2 * PERCENTILES.length];
            cells[0] = variant;
            for (int p = 0; p < PERCENTILES.length; p++) {
                cells[1 + p] = Stats.micros(Stats.median(figures[p]));
                cells[1 + PERCENTILES.length + p] = variant == Variant.DIRECT ? "-"
                        : Stats.micros(addedMedian(figures[p], direct[p]));
            }
            section.row(cells);
        }
        section.note(String.format("%d rounds x %,d round trips (after %,d warm-up), medians over rounds;"
                        + " blocking JDK client, Netty epoll echo server, hop in the same JVM.",
                config.rounds(), config.pingSamples(), config.pingWarmup()));
        if (skipped.containsKey(Variant.NETHARNESS)) {
            section.goal(Goal.notMeasured("added latency p50", "<= 15 µs", skipped.get(Variant.NETHARNESS)));
            section.goal(Goal.notMeasured("added latency p99", "<= 60 µs", skipped.get(Variant.NETHARNESS)));
        } else {
            double[][] link = perRound.get(Variant.NETHARNESS);
            section.goal(Goal.atMost("added latency p50 (µs)", 15, addedMedian(link[0], direct[0]) / 1e3, "%.1f"));
            section.goal(Goal.atMost("added latency p99 (µs)", 60, addedMedian(link[1], direct[1]) / 1e3, "%.1f"));
        }
        return section;
    }

    /** Median over rounds of (variant - direct) in the same round. */
    private static double addedMedian(double[] variant, double[] direct) {
        double[] added = new double[variant.length];
        for (int i = 0; i < added.length; i++) {
            added[i] = variant[i] - direct[i];
        }
        return Stats.median(added);
    }
}
