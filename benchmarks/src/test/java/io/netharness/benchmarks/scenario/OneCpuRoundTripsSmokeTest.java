package io.netharness.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.hop.Variant;
import org.junit.jupiter.api.Test;

/** Smoke run of measurement 2's one-vCPU half: a child JVM, confined by taskset, measuring every variant. */
class OneCpuRoundTripsSmokeTest {

    @Test
    void aChildJvmOnOneCpuMeasuresEveryVariantInEveryRound() {
        int rounds = 2;
        // measure() also refuses a child whose allowed CPU list is not the one CPU it asked for.
        RoundTripRounds result = OneCpuRoundTrips.measure(rounds, 20, 100);

        assertThat(result.skipped()).isEmpty();
        assertThat(result.perRound()).containsOnlyKeys(Variant.values());
        result.perRound().forEach((variant, figures) -> {
            for (int round = 0; round < rounds; round++) {
                double p50 = figures[0][round];
                double p99 = figures[1][round];
                double p999 = figures[2][round];
                assertThat(p50).as("%s round %d p50", variant, round).isPositive();
                assertThat(p99).as("%s round %d p99", variant, round).isGreaterThanOrEqualTo(p50);
                assertThat(p999).as("%s round %d p99.9", variant, round).isGreaterThanOrEqualTo(p99);
            }
        });
    }
}
