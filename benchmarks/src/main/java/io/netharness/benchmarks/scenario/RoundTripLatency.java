package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.io.IOException;

/**
 * Measurement 2: round trip of a 1-byte message through each hop into an echo server, one message in
 * flight. Variants run interleaved round by round, so a noisy second hits all of them; each percentile is
 * the median over rounds, and "added" is the link's percentile minus direct's in the same round. Measured
 * twice: with the threads where the scheduler puts them (the goals are judged on this), and in a child JVM
 * confined to one vCPU ({@link OneCpuRoundTrips}), which takes the cost of waking another vCPU out.
 */
public final class RoundTripLatency {

    private static final String FREE = "any vCPU";
    private static final String ONE_CPU = "one vCPU";

    private RoundTripLatency() {
    }

    public static Section run(SuiteConfig config) throws IOException {
        RoundTripRounds free = RoundTripRounds.measure(config.rounds(), config.pingWarmup(), config.pingSamples());
        Section section = new Section("2. Added round-trip latency, 1-byte messages");
        section.header("variant", "threads on", "p50", "p99", "p99.9", "added p50", "added p99", "added p99.9");
        rows(section, FREE, free);
        try {
            rows(section, ONE_CPU, OneCpuRoundTrips.measure(config.rounds(), config.pingWarmup(), config.pingSamples()));
        } catch (NotMeasured e) {
            section.row("all", ONE_CPU, e.getMessage(), "", "", "", "", "");
        }
        section.note(String.format("%d rounds x %,d round trips (after %,d warm-up), medians over rounds;"
                        + " blocking JDK client, Netty epoll echo server, hop in the same JVM. \"%s\": this JVM,"
                        + " threads placed by the scheduler; \"%s\": the same in a child JVM confined to one vCPU"
                        + " (taskset), where no hand-over wakes another vCPU.",
                config.rounds(), config.pingSamples(), config.pingWarmup(), FREE, ONE_CPU));
        goals(section, free);
        return section;
    }

    private static void rows(Section section, String threads, RoundTripRounds rounds) {
        double[][] direct = rounds.perRound().get(Variant.DIRECT);
        for (Variant variant : Variant.values()) {
            String skipped = rounds.skipped().get(variant);
            if (skipped != null) {
                section.row(variant, threads, skipped, "", "", "", "", "");
                continue;
            }
            double[][] figures = rounds.perRound().get(variant);
            int percentiles = RoundTripRounds.PERCENTILES.length;
            Object[] cells = new Object[2 + 2 * percentiles];
            cells[0] = variant;
            cells[1] = threads;
            for (int p = 0; p < percentiles; p++) {
                cells[2 + p] = Stats.micros(Stats.median(figures[p]));
                cells[2 + percentiles + p] = variant == Variant.DIRECT ? "-"
                        : Stats.micros(addedMedian(figures[p], direct[p]));
            }
            section.row(cells);
        }
    }

    private static void goals(Section section, RoundTripRounds free) {
        String skipped = free.skipped().get(Variant.NETHARNESS);
        if (skipped != null) {
            section.goal(Goal.notMeasured("added latency p50", "<= 15 µs", skipped));
            section.goal(Goal.notMeasured("added latency p99", "<= 60 µs", skipped));
            return;
        }
        double[][] link = free.perRound().get(Variant.NETHARNESS);
        double[][] direct = free.perRound().get(Variant.DIRECT);
        section.goal(Goal.atMost("added latency p50 (µs)", 15, addedMedian(link[0], direct[0]) / 1e3, "%.1f"));
        section.goal(Goal.atMost("added latency p99 (µs)", 60, addedMedian(link[1], direct[1]) / 1e3, "%.1f"));
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
