package io.netharness.benchmarks.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the same trial for several contenders round by round (A, B, C, A, B, C, ...), so a burst of load from
 * something else on the machine hits all of them alike, and ratios can be taken within one round. The first
 * {@code warmups} rounds are run and discarded (JIT, caches, socket buffers growing).
 *
 * @param <K> what is compared (a variant, or a variant and an impairment)
 */
public final class Interleaved<K> {

    /** One trial of one contender; returns its figure for the round. */
    @FunctionalInterface
    public interface Trial<K> {
        double run(K contender) throws Exception;
    }

    private final List<K> contenders;
    private final Map<K, double[]> figures = new LinkedHashMap<>();

    public Interleaved(List<K> contenders) {
        this.contenders = List.copyOf(contenders);
    }

    /** Runs {@code warmups} discarded rounds, then {@code rounds} recorded ones. */
    public Interleaved<K> run(int warmups, int rounds, Trial<K> trial) throws Exception {
        for (K contender : contenders) {
            figures.put(contender, new double[rounds]);
        }
        for (int round = -warmups; round < rounds; round++) {
            for (K contender : contenders) {
                double figure = trial.run(contender);
                if (round >= 0) {
                    figures.get(contender)[round] = figure;
                }
            }
        }
        return this;
    }

    /** The figures of one contender, one per recorded round. */
    public double[] figures(K contender) {
        double[] values = figures.get(contender);
        if (values == null) {
            throw new IllegalArgumentException("not a contender: " + contender + " (expected one of " + contenders + ")");
        }
        return values.clone();
    }

    /** Per round, {@code a}'s figure divided by {@code b}'s. */
    public double[] ratios(K a, K b) {
        double[] x = figures(a);
        double[] y = figures(b);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            out.add(x[i] / y[i]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
