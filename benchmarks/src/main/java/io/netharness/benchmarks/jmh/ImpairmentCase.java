package io.netharness.benchmarks.jmh;

import io.netharness.benchmarks.hop.Impairment;
import java.time.Duration;

/** The impairments of measurement 7, as a JMH parameter. */
public enum ImpairmentCase {
    NONE(Impairment.NONE),
    /** 1 ms ± 0.5 ms each way: a LAN-to-WAN-ish link that must not slow a pipelined transfer much. */
    LATENCY_JITTER(Impairment.latency(Duration.ofMillis(1), Duration.ofMillis(1).dividedBy(2))),
    /** 32 MiB/s each way: the transfer must take bytes / cap, within 2 %. */
    BANDWIDTH_CAP(Impairment.bandwidth(32L << 20));

    private final Impairment impairment;

    ImpairmentCase(Impairment impairment) {
        this.impairment = impairment;
    }

    public Impairment impairment() {
        return impairment;
    }
}
