package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.jmh.ImpairedThroughputBenchmark;
import io.netharness.benchmarks.jmh.ImpairmentCase;
import io.netharness.benchmarks.jmh.JmhRunner;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** Measurement 7: throughput with latency + jitter and under a bandwidth cap, from {@link ImpairedThroughputBenchmark}. */
public final class ImpairmentCost {

    private ImpairmentCost() {
    }

    public static Section run(SuiteConfig config) throws RunnerException {
        Map<Variant, Map<ImpairmentCase, Double>> rates = new EnumMap<>(Variant.class);
        for (RunResult result : JmhRunner.run(ImpairedThroughputBenchmark.class, config,
                List.of(Variant.NETCRUSHER, Variant.NETHARNESS),
                Map.of("bytes", Long.toString(config.tcpBytes()), "cappedBytes", Long.toString(config.cappedBytes())))) {
            ImpairmentCase impairment = ImpairmentCase.valueOf(result.getParams().getParam("impairment"));
            long bytes = impairment == ImpairmentCase.BANDWIDTH_CAP ? config.cappedBytes() : config.tcpBytes();
            rates.computeIfAbsent(JmhRunner.variant(result), v -> new EnumMap<>(ImpairmentCase.class))
                    .put(impairment, bytes / (JmhRunner.medianMicros(result) / 1e6));
        }
        double cap = ImpairmentCase.BANDWIDTH_CAP.impairment().bytesPerSecond();
        Section section = new Section("7. Cost of impairment: TCP bulk throughput through an impaired hop");
        section.header("variant", "unimpaired", "1 ms ± 0.5 ms", "vs unimpaired", "cap 32 MiB/s",
                "vs cap");
        for (Variant variant : List.of(Variant.NETCRUSHER, Variant.NETHARNESS)) {
            Map<ImpairmentCase, Double> r = rates.get(variant);
            if (r == null) {
                section.row(variant, Hops.unavailable(variant).orElse("failed"), "", "", "", "");
                continue;
            }
            double none = r.get(ImpairmentCase.NONE);
            double jitter = r.get(ImpairmentCase.LATENCY_JITTER);
            double capped = r.get(ImpairmentCase.BANDWIDTH_CAP);
            section.row(variant, Stats.mibPerSecond(none), Stats.mibPerSecond(jitter), Stats.ratio(jitter / none),
                    String.format("%.2f MiB/s", capped / (1 << 20)), String.format("%.3fx", capped / cap));
        }
        section.note(String.format("JMH single-shot, median of %d transfers: %d MiB unimpaired and with latency,"
                        + " %d MiB through the cap, timed from the first write to the last byte at the sink.",
                config.rounds(), config.tcpBytes() >> 20, config.cappedBytes() >> 20));
        Map<ImpairmentCase, Double> link = rates.get(Variant.NETHARNESS);
        if (link == null) {
            section.goal(Goal.notMeasured("bandwidth cap accuracy", "within 2 %",
                    Hops.unavailable(Variant.NETHARNESS).orElse("failed")));
        } else {
            double error = Math.abs(link.get(ImpairmentCase.BANDWIDTH_CAP) / cap - 1);
            section.goal(new Goal("bandwidth cap accuracy", "within 2 %", String.format("%.2f %%", 100 * error),
                    error <= 0.02));
        }
        return section;
    }
}
