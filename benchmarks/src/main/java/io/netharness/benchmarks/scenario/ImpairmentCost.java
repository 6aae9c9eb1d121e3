package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.SuiteConfig;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Goal;
import io.netharness.benchmarks.report.Section;
import io.netharness.benchmarks.report.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurement 7: TCP bulk throughput through a hop with latency + jitter and through a bandwidth cap, interleaved
 * with the same hop unimpaired. Through the cap the rate is taken at the sink, first byte to last: what the cap
 * lets through, to be compared with the cap itself.
 */
public final class ImpairmentCost {

    /** 1 ms ± 0.5 ms each way: must not slow a pipelined transfer much. */
    static final Impairment LATENCY_JITTER = Impairment.latency(Duration.ofMillis(1), Duration.ofMillis(1).dividedBy(2));
    /** 32 MiB/s each way: the sink must see the cap within 2 %. */
    static final long CAP = 32L << 20;

    enum Case { NONE, LATENCY_JITTER, BANDWIDTH_CAP }

    record Contender(Variant variant, Case impairment) {
    }

    private ImpairmentCost() {
    }

    static double once(Contender contender, SuiteConfig config) throws Exception {
        return switch (contender.impairment()) {
            case NONE -> TcpThroughput.once(contender.variant(), Impairment.NONE, config.tcpBytes());
            case LATENCY_JITTER -> TcpThroughput.once(contender.variant(), LATENCY_JITTER, config.tcpBytes());
            case BANDWIDTH_CAP -> {
                try (TcpBulkTransfer transfer = new TcpBulkTransfer(contender.variant(), Impairment.bandwidth(CAP))) {
                    yield transfer.sinkBytesPerSecond(config.cappedBytes(), TcpThroughput.TIMEOUT);
                }
            }
        };
    }

    public static Section run(SuiteConfig config) throws Exception {
        List<Contender> contenders = new ArrayList<>();
        for (Variant variant : List.of(Variant.NETCRUSHER, Variant.NETHARNESS)) {
            for (Case c : Case.values()) {
                contenders.add(new Contender(variant, c));
            }
        }
        Interleaved<Contender> rates = new Interleaved<>(contenders).run(0, config.rounds(), c -> once(c, config));
        Section section = new Section("7. Cost of impairment: TCP bulk throughput through an impaired hop");
        section.header("variant", "unimpaired", "1 ms ± 0.5 ms", "vs unimpaired", "cap 32 MiB/s", "vs cap");
        double linkCapRatio = 0;
        for (Variant variant : List.of(Variant.NETCRUSHER, Variant.NETHARNESS)) {
            Contender none = new Contender(variant, Case.NONE);
            Contender jitter = new Contender(variant, Case.LATENCY_JITTER);
            double capped = Stats.median(rates.figures(new Contender(variant, Case.BANDWIDTH_CAP)));
            section.row(variant, Stats.mibPerSecond(Stats.median(rates.figures(none))),
                    Stats.mibPerSecond(Stats.median(rates.figures(jitter))),
                    Stats.ratio(Stats.median(rates.ratios(jitter, none))),
                    String.format("%.2f MiB/s", capped / (1 << 20)), String.format("%.3fx", capped / CAP));
            if (variant == Variant.NETHARNESS) {
                linkCapRatio = capped / CAP;
            }
        }
        section.note(String.format("%d interleaved rounds, medians: %d MiB unimpaired and with latency (timed from the"
                        + " first write to the last byte at the sink), %d MiB through the cap (timed at the sink, first"
                        + " byte to last). Impairment in both directions, delays uniform in 0.5-1.5 ms for both"
                        + " hops (NetCrusher: constant 0.5 ms plus a random part below 1 ms).",
                config.rounds(), config.tcpBytes() >> 20, config.cappedBytes() >> 20));
        double error = Math.abs(linkCapRatio - 1);
        section.goal(new Goal("bandwidth cap accuracy", "within 2 %", String.format("%.2f %%", 100 * error),
                error <= 0.02));
        return section;
    }
}
