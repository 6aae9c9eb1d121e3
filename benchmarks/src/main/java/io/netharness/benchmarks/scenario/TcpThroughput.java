package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.jmh.JmhRunner;
import io.netharness.benchmarks.jmh.TcpThroughputBenchmark;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** Measurement 1: unimpaired TCP bulk throughput, from {@link TcpThroughputBenchmark}. */
public final class TcpThroughput {

    private TcpThroughput() {
    }

    public static Section run(SuiteConfig config) throws RunnerException {
        Map<Variant, Double> bytesPerSecond = new EnumMap<>(Variant.class);
        for (RunResult result : JmhRunner.run(TcpThroughputBenchmark.class, config, List.of(Variant.values()),
                Map.of("bytes", Long.toString(config.tcpBytes())))) {
            bytesPerSecond.put(JmhRunner.variant(result), config.tcpBytes() / (JmhRunner.medianMicros(result) / 1e6));
        }
        Section section = new Section("1. TCP bulk throughput, unimpaired");
        section.header("variant", "throughput (median)", "vs direct", "vs NetCrusher");
        double direct = bytesPerSecond.get(Variant.DIRECT);
        Double crusher = bytesPerSecond.get(Variant.NETCRUSHER);
        for (Variant variant : Variant.values()) {
            Double rate = bytesPerSecond.get(variant);
            if (rate == null) {
                section.row(variant, Hops.unavailable(variant).orElse("failed"), "", "");
                continue;
            }
            section.row(variant, Stats.mibPerSecond(rate), Stats.ratio(rate / direct),
                    crusher == null ? "-" : Stats.ratio(rate / crusher));
        }
        section.note(String.format("JMH single-shot, %d forks, %d warm-up + %d measured transfers of %d MiB per"
                        + " variant (%.2f GiB measured), median; one connection, blocking JDK sender, Netty epoll"
                        + " sink, hop in the same JVM as both.", config.jmhForks(), config.jmhWarmups(),
                config.rounds(), config.tcpBytes() >> 20, config.rounds() * config.tcpBytes() / (double) (1L << 30)));
        Double link = bytesPerSecond.get(Variant.NETHARNESS);
        if (link == null) {
            String reason = Hops.unavailable(Variant.NETHARNESS).orElse("failed");
            section.goal(Goal.notMeasured("TCP throughput vs direct", ">= 0.90x", reason));
            section.goal(Goal.notMeasured("TCP throughput vs NetCrusher", ">= 1.00x", reason));
        } else {
            section.goal(Goal.atLeast("TCP throughput vs direct", 0.9, link / direct, "%.2fx"));
            section.goal(Goal.atLeast("TCP throughput vs NetCrusher", 1.0, link / crusher, "%.2fx"));
        }
        return section;
    }
}
