package io.netharness.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.hop.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Smoke run of measurement 6 with a few dozen connections. */
class ConnectionScaleSmokeTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyConnectionIsEstablishedAndEchoes(Variant variant) throws Exception {
        ConnectionScale.Run run = ConnectionScale.once(variant, 40);
        assertThat(run.established()).isEqualTo(40);
        assertThat(run.failed()).isZero();
        assertThat(run.serverConnections()).isEqualTo(40);
        if (variant != Variant.DIRECT) {
            assertThat(run.hopMemory()).as("measured in the hop's own JVM").isNotNull();
        }
        assertThat(run.perSecond()).isPositive();
    }
}
