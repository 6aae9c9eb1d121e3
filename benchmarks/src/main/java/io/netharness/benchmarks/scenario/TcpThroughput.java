package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.time.Duration;
import java.util.List;

/**
 * Measurement 1: unimpaired TCP bulk throughput. Each round moves {@code tcpBytes} through a fresh connection
 * of every variant in turn ({@link Interleaved}); throughput is bytes over the time from the first write to the
 * last byte read by the sink. Ratios are taken within a round, then the median over rounds.
 */
public final class TcpThroughput {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TcpThroughput() {
    }

    /** One transfer of {@code bytes} through a fresh hop; returns bytes per second. */
    static double once(Variant variant, Impairment impairment, long bytes) throws Exception {
        try (TcpBulkTransfer transfer = new TcpBulkTransfer(variant, impairment)) {
            return bytes * 1e9 / transfer.transfer(bytes, TIMEOUT);
        }
    }

    public static Section run(SuiteConfig config) throws Exception {
        List<Variant> variants = List.of(Variant.values());
        Interleaved<Variant> rates = new Interleaved<>(variants)
                .run(1, config.rounds(), v -> once(v, Impairment.NONE, config.tcpBytes()));
        Section section = new Section("1. TCP bulk throughput, unimpaired");
        section.header("variant", "throughput (median)", "min", "max", "vs direct", "vs NetCrusher");
        for (Variant variant : variants) {
            double[] r = rates.figures(variant);
            section.row(variant, Stats.mibPerSecond(Stats.median(r)), Stats.mibPerSecond(Stats.min(r)),
                    Stats.mibPerSecond(Stats.max(r)), Stats.ratio(Stats.median(rates.ratios(variant, Variant.DIRECT))),
                    Stats.ratio(Stats.median(rates.ratios(variant, Variant.NETCRUSHER))));
        }
        section.note(String.format("%d rounds (after 1 warm-up round), each moving %d MiB through every variant in"
                        + " turn (%.2f GiB measured per variant); ratios within a round, medians over rounds. One"
                        + " connection per transfer, blocking JDK sender, Netty epoll sink, hop in the same JVM.",
                config.rounds(), config.tcpBytes() >> 20, config.rounds() * config.tcpBytes() / (double) (1L << 30)));
        section.goal(Goal.atLeast("TCP throughput vs direct", 0.9,
                Stats.median(rates.ratios(Variant.NETHARNESS, Variant.DIRECT)), "%.2fx"));
        section.goal(Goal.atLeast("TCP throughput vs NetCrusher", 1.0,
                Stats.median(rates.ratios(Variant.NETHARNESS, Variant.NETCRUSHER)), "%.2fx"));
        return section;
    }
}
