package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import io.netty.channel.EventLoopGroup;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 5: what one test costs in set-up and tear-down ({@link TestLifecycle}), each lifecycle timed on its
 * own, variants interleaved one lifecycle at a time; median and p99 over all samples of a variant.
 */
public final class PerTestCost {

    private static final int WARMUP = 20;

    private PerTestCost() {
    }

    public static Section run(SuiteConfig config) throws Exception {
        List<Variant> variants = List.of(Variant.values());
        EventLoopGroup serverGroup = Loops.newGroup(1);
        Interleaved<Variant> times;
        try {
            times = new Interleaved<>(variants).run(WARMUP, config.lifecycleSamples(), v -> {
                long start = System.nanoTime();
                if (TestLifecycle.once(v, serverGroup) != 42) {
                    throw new IllegalStateException(v + " echoed a wrong byte");
                }
                return System.nanoTime() - start;
            });
        } finally {
            Loops.shutdown(serverGroup);
        }
        Section section = new Section("5. Cost per test: start server + hop, connect, one round trip, close both");
        section.header("variant", "median", "p99", "samples", "added median vs direct");
        Map<Variant, double[]> samples = new EnumMap<>(Variant.class);
        variants.forEach(v -> samples.put(v, times.figures(v)));
        double direct = Stats.median(samples.get(Variant.DIRECT));
        for (Variant variant : variants) {
            double[] s = samples.get(variant);
            double median = Stats.median(s);
            section.row(variant, Stats.millis(median), Stats.millis(Stats.percentile(99, s)),
                    String.format("%,d", s.length), variant == Variant.DIRECT ? "-" : Stats.millis(median - direct));
        }
        section.note(String.format("%,d lifecycles per variant after %d warm-up, interleaved. The echo server binds on"
                + " an event loop group shared across tests, as a test framework would share one; the hop is built,"
                + " started and closed in full each time with its defaults (NetHarness: its own two event loop"
                + " threads; NetCrusher: its own reactor).", config.lifecycleSamples(), WARMUP));
        section.goal(Goal.atMost("per-test cost median (ms)", 5,
                Stats.median(samples.get(Variant.NETHARNESS)) / 1e6, "%.2f"));
        return section;
    }
}
