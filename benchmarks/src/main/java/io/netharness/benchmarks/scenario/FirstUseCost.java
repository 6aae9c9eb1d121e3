package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measurement 8: the first link in a fresh JVM ({@link FirstUseProbe} in a child JVM per sample): what building and
 * starting it costs, and what its first message costs next to its steady ones. Medians over the fresh JVMs of each
 * row; the goal is that the first message costs what the steady ones do, within 1 ms. Rows "warm-up off" run the
 * same with {@code -Dnetharness.warmup=false}, to show what the start-up warm-up takes away.
 */
public final class FirstUseCost {

    /** One row: a kind of link, with or without the warm-up. */
    private record Row(FirstUseProbe.Kind kind, boolean warmup) {
        String label() {
            return kind + (warmup ? "" : ", warm-up off");
        }
    }

    private FirstUseCost() {
    }

    public static Section run(SuiteConfig config) {
        List<Row> rows = new ArrayList<>();
        for (FirstUseProbe.Kind kind : FirstUseProbe.Kind.values()) {
            rows.add(new Row(kind, true));
        }
        rows.add(new Row(FirstUseProbe.Kind.UDP, false));
        rows.add(new Row(FirstUseProbe.Kind.TCP, false));
        int jvms = config.firstUseJvms();
        double[][][] figures = new double[rows.size()][FIGURES.size()][jvms];
        for (int sample = 0; sample < jvms; sample++) {
            for (int r = 0; r < rows.size(); r++) { // interleaved, so load changes hit every row alike
                Row row = rows.get(r);
                Map<String, String> child = ChildFigures.run(row.warmup ? List.of()
                        : List.of("-Dnetharness.warmup=false"), FirstUseProbe.class, row.kind.name(),
                        Integer.toString(config.firstUseMessages()));
                for (int f = 0; f < FIGURES.size(); f++) {
                    figures[r][f][sample] = Double.parseDouble(child.get(FIGURES.get(f)));
                }
            }
        }
        Section section = new Section("8. First use in a fresh JVM: the first link's start and its first message");
        section.header("link", "build", "start", "first message", "second", "steady (last tenth)",
                "after 100 ms idle", "first - steady", "first - after idle", "direct, no link",
                "dropped before the link", "fresh JVMs");
        double worst = 0;
        double worstAfterIdle = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[][] f = figures[r];
            double[] excess = new double[jvms];
            double[] excessOverIdle = new double[jvms];
            for (int s = 0; s < jvms; s++) {
                excess[s] = f[2][s] - f[5][s];
                excessOverIdle[s] = f[2][s] - f[6][s];
            }
            double excessMedian = Stats.median(excess);
            double excessOverIdleMedian = Stats.median(excessOverIdle);
            if (rows.get(r).warmup) {
                worst = Math.max(worst, excessMedian);
                worstAfterIdle = Math.max(worstAfterIdle, excessOverIdleMedian);
            }
            section.row(rows.get(r).label(), Stats.millis(Stats.median(f[0])), Stats.millis(Stats.median(f[1])),
                    Stats.millis(Stats.median(f[2])), Stats.millis(Stats.median(f[3])),
                    Stats.millis(Stats.median(f[5])), Stats.millis(Stats.median(f[6])), Stats.millis(excessMedian),
                    Stats.millis(excessOverIdleMedian), Stats.millis(Stats.median(f[7])),
                    String.format("%.0f", Stats.max(f[8])), jvms);
        }
        section.note(String.format("Each sample is a fresh JVM (child of this one, same JDK and class path) that warms"
                + " plain JDK sockets directly first (%,d datagrams or 500 connections), so that only the link is cold;"
                + " then builds and starts one link and sends %,d messages through it one at a time, each waited for:"
                + " a 64-byte datagram from sender to receiver (UDP, multicast), or a new connection with a one-byte"
                + " round trip (TCP). Medians over the JVMs of a row (\"dropped before the link\": the largest)."
                + " \"After 100 ms idle\" is one more message after a pause, so that the link's event loop wakes"
                + " from sleep as it did for the first; the difference between the two is what first use costs, while"
                + " the difference to the steady messages also holds a sleeping thread's wake-up on a loaded machine."
                + " UDP_DELAYED has 1 ms ± 0.5 ms latency both ways, so its figures include that delay. \"Start\""
                + " includes the warm-up, which runs once per kind and JVM; \"warm-up off\" rows set"
                + " -Dnetharness.warmup=false.", 2_000, config.firstUseMessages()));
        section.goal(Goal.atMost("first message - steady message, worst kind, p50 over fresh JVMs (ms)", 1,
                worst / 1e6, "%.2f"));
        section.goal(Goal.atMost("first message - message after 100 ms idle, worst kind, p50 over fresh JVMs (ms)", 1,
                worstAfterIdle / 1e6, "%.2f"));
        return section;
    }

    /** The child's figures, in the order of the arrays above. */
    private static final List<String> FIGURES = List.of("build", "start", "first", "second", "last", "steady",
            "idle", "direct", "droppedBeforeLink");
}
