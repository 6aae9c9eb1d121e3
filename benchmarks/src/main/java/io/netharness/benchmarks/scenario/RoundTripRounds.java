package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.hop.NotMeasured;
import io.netharness.benchmarks.hop.Variant;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The round trips of measurement 2, every variant once per round, interleaved so a noisy second hits all of
 * them. Holds each of the {@code rounds} rounds' percentiles per variant ({@code [percentile][round]},
 * nanoseconds) and the reason for each variant that could not be measured.
 */
record RoundTripRounds(int rounds, Map<Variant, double[][]> perRound, Map<Variant, String> skipped) {

    static final double[] PERCENTILES = {50, 99, 99.9};

    static RoundTripRounds measure(int rounds, int warmup, int samples) throws IOException {
        RoundTripRounds result = empty(rounds);
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : Variant.values()) {
                if (result.skipped.containsKey(variant)) {
                    continue;
                }
                try {
                    Histogram histogram = roundTrips(variant, warmup, samples);
                    for (int p = 0; p < PERCENTILES.length; p++) {
                        result.record(variant, round, p, histogram.getValueAtPercentile(PERCENTILES[p]));
                    }
                } catch (NotMeasured e) {
                    result.skipped.put(variant, e.getMessage());
                }
            }
        }
        return result;
    }

    static RoundTripRounds empty(int rounds) {
        return new RoundTripRounds(rounds, new EnumMap<>(Variant.class), new EnumMap<>(Variant.class));
    }

    void record(Variant variant, int round, int percentile, double nanos) {
        perRound.computeIfAbsent(variant, v -> new double[PERCENTILES.length][rounds])[percentile][round] = nanos;
    }

    private static Histogram roundTrips(Variant variant, int warmup, int samples) throws IOException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        try (PingPong pingPong = new PingPong(variant, 1)) {
            for (int i = 0; i < warmup; i++) {
                pingPong.roundTrip();
            }
            for (int i = 0; i < samples; i++) {
                histogram.recordValue(pingPong.roundTrip());
            }
        }
        return histogram;
    }
}
