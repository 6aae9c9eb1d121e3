package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.lineup.Contender;
import io.netharness.benchmarks.lineup.Contenders;
import io.netharness.benchmarks.lineup.Layout;
import io.netharness.benchmarks.lineup.Lineup;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;

/**
 * Measurement 2: round trip of a 1-byte message through each contender of the TCP lineup (both layouts and the C
 * relay floors) into one echo server, one message in flight, contenders interleaved round by round; each
 * percentile is the median over rounds, and "added" is a contender's percentile minus direct's in the same round.
 * The in-process variants are measured again in a child JVM confined to one vCPU ({@link OneCpuRoundTrips}), which
 * takes the cost of waking another vCPU out.
 */
public final class RoundTripLatency {

    private static final String ONE_CPU = "one vCPU";

    private RoundTripLatency() {
    }

    public static Section run(SuiteConfig config) throws IOException {
        Section section = new Section("2. Added round-trip latency, 1-byte TCP messages");
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group); Lineup lineup = Lineup.open(Contenders.tcp(), echo.address())) {
            RoundTripTable table = new RoundTripTable(lineup);
            for (int round = 0; round < config.rounds(); round++) {
                for (Contender contender : lineup.measured()) {
                    try {
                        table.record(contender, TcpRoundTrips.measure(lineup.address(contender), config.pingWarmup(),
                                config.pingSamples()));
                    } catch (IOException e) {
                        throw new IOException(contender + " (" + contender.layout().label() + "): " + e.getMessage(), e);
                    }
                }
            }
            table.rows(section);
            goals(section, table, lineup);
            table.goals(section, "TCP round trip");
        } finally {
            Loops.shutdown(group);
        }
        section.note(String.format("%d rounds x %,d round trips (after %,d warm-up) per variant over a fresh"
                        + " connection, medians over rounds; blocking JDK client and Netty epoll echo server in the"
                        + " suite's JVM, threads placed by the scheduler; each proxy started once for the"
                        + " measurement. \"- NetCrusher's\": the variant's added p50 minus NetCrusher's in the same"
                        + " layout; \"- best C relay's\": minus the least a C relay added in the same round.",
                config.rounds(), config.pingSamples(), config.pingWarmup()));
        oneCpu(section, config);
        return section;
    }

    private static void goals(Section section, RoundTripTable table, Lineup lineup) {
        Contender link = lineup.netHarness(Layout.IN_PROCESS).stream().findFirst().orElse(null);
        if (link == null) {
            section.goal(Goal.notMeasured("added latency p50, in-process", "<= 15 µs", "not started"));
            return;
        }
        section.goal(Goal.atMost("added latency p50, in-process (µs)", 15,
                table.at(50).difference(link, lineup.direct()) / 1e3, "%.1f"));
        section.goal(Goal.atMost("added latency p99, in-process (µs)", 60,
                table.at(99).difference(link, lineup.direct()) / 1e3, "%.1f"));
    }

    /** The in-process variants again, in a child JVM on one vCPU. */
    private static void oneCpu(Section section, SuiteConfig config) {
        section.note("In a child JVM confined to one vCPU (taskset), where no hand-over wakes another vCPU; the"
                + " in-process variants only, same rounds and sizes:");
        section.header("variant", "threads on", "p50", "p99", "p99.9", "added p50", "added p99", "added p99.9");
        RoundTripRounds rounds;
        try {
            rounds = OneCpuRoundTrips.measure(config.rounds(), config.pingWarmup(), config.pingSamples());
        } catch (NotMeasured e) {
            section.row("all", ONE_CPU, e.getMessage(), "", "", "", "", "");
            return;
        }
        double[][] direct = rounds.perRound().get(Variant.DIRECT);
        for (Variant variant : Variant.values()) {
            String skipped = rounds.skipped().get(variant);
            if (skipped != null) {
                section.row(variant, ONE_CPU, skipped, "", "", "", "", "");
                continue;
            }
            double[][] figures = rounds.perRound().get(variant);
            int percentiles = RoundTripRounds.PERCENTILES.length;
            Object[] cells = new Object[2 + 2 * percentiles];
            cells[0] = variant;
            cells[1] = ONE_CPU;
            for (int p = 0; p < percentiles; p++) {
                cells[2 + p] = Stats.micros(Stats.median(figures[p]));
                cells[2 + percentiles + p] = variant == Variant.DIRECT ? "-"
                        : Stats.micros(Stats.median(difference(figures[p], direct[p])));
            }
            section.row(cells);
        }
    }

    private static double[] difference(double[] variant, double[] direct) {
        double[] added = new double[variant.length];
        for (int i = 0; i < added.length; i++) {
            added[i] = variant[i] - direct[i];
        }
        return added;
    }
}
