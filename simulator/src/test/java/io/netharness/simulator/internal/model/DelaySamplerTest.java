package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netharness.simulator.DelayHistogram;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.stats.DelayRecorder;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Latency;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DelaySamplerTest {

    private static final int SAMPLES = 100_000;
    private static final double MS = 1_000_000.0;

    @ParameterizedTest
    @EnumSource(DelayDistribution.class)
    void twentyMillisecondsWithFiveJitterHasMedianNearTwentyForSymmetricShapes(DelayDistribution distribution) {
        long seed = 0x1a7e_0001L;
        Latency latency = Latency.of(Duration.ofMillis(20), Duration.ofMillis(5)).withDistribution(distribution);
        long[] samples = sample(latency, seed);
        double p50 = samples[SAMPLES / 2] / MS;
        double mean = Arrays.stream(samples).average().orElseThrow() / MS;
        System.out.printf("%s 20ms±5ms: p50 %.4f ms, mean %.4f ms, min %.3f, max %.3f (seed %s, n %d)%n",
                distribution, p50, mean, samples[0] / MS, samples[SAMPLES - 1] / MS, Seeds.format(seed), SAMPLES);
        assertThat(mean).as("mean of %s, seed %s, n %d", distribution, Seeds.format(seed), SAMPLES)
                .isCloseTo(20.0, within(0.1));
        if (distribution == DelayDistribution.UNIFORM || distribution == DelayDistribution.NORMAL) {
            assertThat(p50).as("p50 of %s, seed %s, n %d", distribution, Seeds.format(seed), SAMPLES)
                    .isCloseTo(20.0, within(0.5));
        } else {
            // Skewed shapes: the median sits below the mean (Pareto's is at 20 - 0.29 * jitter).
            assertThat(p50).isBetween(17.0, 20.0);
        }
        assertThat(samples[0]).isGreaterThanOrEqualTo(0);
    }

    @Test
    void uniformStaysWithinBasePlusMinusJitter() {
        long[] samples = sample(Latency.of(Duration.ofMillis(20), Duration.ofMillis(5)), 5);
        assertThat(samples[0]).isGreaterThanOrEqualTo(15_000_000L);
        assertThat(samples[SAMPLES - 1]).isLessThan(25_000_000L);
    }

    @Test
    void correlationTiesConsecutiveDelaysButKeepsTheSpread() {
        Latency latency = new Latency(Duration.ofMillis(20), Duration.ofMillis(5), DelayDistribution.NORMAL, 0.9);
        DelaySampler sampler = new DelaySampler(latency, Seeds.generator(11));
        double sumDiffSquared = 0;
        double sumSquared = 0;
        long previous = sampler.nextNanos();
        for (int i = 0; i < SAMPLES; i++) {
            long next = sampler.nextNanos();
            sumDiffSquared += Math.pow((next - previous) / MS, 2);
            sumSquared += Math.pow((next - 20 * MS) / MS, 2);
            previous = next;
        }
        double sd = Math.sqrt(sumSquared / SAMPLES);
        double stepSd = Math.sqrt(sumDiffSquared / SAMPLES);
        assertThat(sd).as("standard deviation stays the jitter").isCloseTo(5.0, within(0.25));
        // For AR(1) the step has sd = jitter * sqrt(2 (1 - c)) = 5 * sqrt(0.2) = 2.24 ms, vs 7.07 independent.
        assertThat(stepSd).isCloseTo(2.24, within(0.15));
    }

    @Test
    void fixedLatencyIsExact() {
        DelaySampler sampler = new DelaySampler(Latency.of(Duration.ofNanos(1_234_567)), Seeds.generator(1));
        assertThat(sampler.nextNanos()).isEqualTo(1_234_567L);
    }

    @Test
    void histogramPercentilesAgreeWithSortedSamplesToAMicrosecondScale() {
        long[] samples = sample(Latency.of(Duration.ofMillis(20), Duration.ofMillis(5)), 21);
        DelayRecorder recorder = new DelayRecorder();
        for (long s : samples) {
            recorder.recordNanos(s);
        }
        DelayHistogram histogram = recorder.snapshot();
        assertThat(histogram.count()).isEqualTo(SAMPLES);
        for (double p : new double[] {1, 50, 90, 99, 99.9}) {
            double exact = samples[(int) Math.ceil(p / 100 * SAMPLES) - 1] / MS;
            assertThat(histogram.percentile(p).toNanos() / MS).as("p%s", p)
                    .isCloseTo(exact, within(exact * 0.001 + 0.001));
        }
        assertThat(histogram.min().toNanos()).isEqualTo((samples[0] + 500) / 1000 * 1000);
        assertThat(histogram.max().toNanos()).isEqualTo((samples[SAMPLES - 1] + 500) / 1000 * 1000);
    }

    private static long[] sample(Latency latency, long seed) {
        DelaySampler sampler = new DelaySampler(latency, Seeds.generator(seed));
        long[] samples = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = sampler.nextNanos();
        }
        Arrays.sort(samples);
        return samples;
    }
}
