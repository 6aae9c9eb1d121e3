package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.jmh.JmhRunner;
import io.netharness.benchmarks.jmh.PerTestCostBenchmark;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.util.Statistics;

/** Measurement 5: set-up and tear-down cost per test, from {@link PerTestCostBenchmark}. */
public final class PerTestCost {

    private PerTestCost() {
    }

    public static Section run(SuiteConfig config) throws RunnerException {
        Map<Variant, Statistics> samples = new EnumMap<>(Variant.class);
        for (RunResult result : JmhRunner.run(PerTestCostBenchmark.class, config, List.of(Variant.values()),
                Map.of())) {
            samples.put(JmhRunner.variant(result), result.getPrimaryResult().getStatistics());
        }
        Section section = new Section("5. Cost per test: start server + hop, one round trip, close both");
        section.header("variant", "median", "p99", "samples", "added median vs direct");
        Statistics direct = samples.get(Variant.DIRECT);
        for (Variant variant : Variant.values()) {
            Statistics s = samples.get(variant);
            if (s == null) {
                section.row(variant, Hops.unavailable(variant).orElse("failed"), "", "", "");
                continue;
            }
            section.row(variant, ms(s.getPercentile(50)), ms(s.getPercentile(99)), String.format("%,d", s.getN()),
                    variant == Variant.DIRECT ? "-" : ms(s.getPercentile(50) - direct.getPercentile(50)));
        }
        section.note("JMH sample time; the echo server binds on an event loop group shared across tests (as a"
                + " test framework would share one); the hop is built, started and closed in full each time.");
        Statistics link = samples.get(Variant.NETHARNESS);
        if (link == null) {
            section.goal(Goal.notMeasured("per-test cost median", "<= 5 ms",
                    Hops.unavailable(Variant.NETHARNESS).orElse("failed")));
        } else {
            section.goal(Goal.atMost("per-test cost median (ms)", 5, link.getPercentile(50) / 1e3, "%.2f"));
        }
        return section;
    }

    private static String ms(double micros) {
        return String.format("%.2f ms", micros / 1e3);
    }
}
