package io.netharness.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Smoke runs of the UDP scenarios behind measurements 3 and 4. */
class UdpScenariosSmokeTest {

    @FunctionalInterface
    interface Measurement<T> {
        T run() throws Exception;
    }

    /** Runs {@code measurement}; a variant this build cannot measure yet is reported as skipped, with the reason. */
    static <T> T measurable(Measurement<T> measurement) throws Exception {
        try {
            return measurement.run();
        } catch (NotMeasured e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void pacedSenderDeliversDatagramsThroughEachHop(Variant variant) throws Exception {
        UdpRate.Run run = measurable(() -> UdpRate.once(variant, 10_000, Duration.ofMillis(200)));
        // 10k/s for 0.2 s is 2,000 datagrams; a sender far behind on a busy machine stops at 0.4 s.
        assertThat(run.sent()).isBetween(1L, 2_000L);
        assertThat(run.delivered()).isPositive().isLessThanOrEqualTo(run.sent());
        assertThat(run.deliveredPerSecond()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"NETCRUSHER", "NETHARNESS"})
    void configuredDelayIsTheLeastAnyDatagramTakes(Variant variant) throws Exception {
        Duration delay = Duration.ofMillis(20);
        Histogram measured = measurable(() -> DelayPrecision.measure(variant, delay, 20));
        assertThat(measured.getTotalCount()).isPositive();
        assertThat(measured.getMinValue()).isGreaterThanOrEqualTo(delay.toNanos() - Duration.ofMillis(1).toNanos());
    }

    @Test
    void theSleepingRelayHoldsEachDatagramForTheDelayAndDeliversAll() throws Exception {
        Duration delay = Duration.ofMillis(20);
        Histogram measured = DelayPrecision.measure(target -> Hops.sleepingUdpRelay(target, delay), "the relay", 20,
                Duration.ofMillis(2));
        assertThat(measured.getTotalCount()).isEqualTo(20);
        assertThat(measured.getMinValue()).isGreaterThanOrEqualTo(delay.toNanos());
    }
}
