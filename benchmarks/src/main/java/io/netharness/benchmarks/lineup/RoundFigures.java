package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.report.Stats;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One figure per round for each contender of a lineup, and the comparisons the report makes: each taken within a
 * round (every contender ran in it, interleaved), then the median over rounds.
 */
public final class RoundFigures {

    private final Lineup lineup;
    private final Function<Contender, double[]> figures;

    /** {@code figures} gives a contender's figure of each round. */
    public RoundFigures(Lineup lineup, Function<Contender, double[]> figures) {
        this.lineup = lineup;
        this.figures = figures;
    }

    public Lineup lineup() {
        return lineup;
    }

    public double[] of(Contender contender) {
        return figures.apply(contender);
    }

    public double median(Contender contender) {
        return Stats.median(of(contender));
    }

    /** Median over rounds of {@code a / b}. */
    public double ratio(Contender a, Contender b) {
        double[] x = of(a);
        double[] y = of(b);
        double[] ratios = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ratios[i] = x[i] / y[i];
        }
        return Stats.median(ratios);
    }

    /** Median over rounds of {@code a - b}. */
    public double difference(Contender a, Contender b) {
        double[] x = of(a);
        double[] y = of(b);
        double[] differences = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            differences[i] = x[i] - y[i];
        }
        return Stats.median(differences);
    }

    /** Median over rounds of {@code contender} divided by the highest C relay figure of the round; empty without one. */
    public Optional<Double> ratioToBestFloor(Contender contender) {
        List<Contender> floors = lineup.floors();
        if (floors.isEmpty()) {
            return Optional.empty();
        }
        double[] x = of(contender);
        double[] ratios = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = 0;
            for (Contender floor : floors) {
                best = Math.max(best, of(floor)[i]);
            }
            ratios[i] = x[i] / best;
        }
        return Optional.of(Stats.median(ratios));
    }

    /**
     * Median over rounds of what {@code contender} adds to direct, minus the least any C relay added in the round
     * (for figures where lower is better, like a round trip); empty without a C relay.
     */
    public Optional<Double> addedOverBestFloor(Contender contender) {
        List<Contender> floors = lineup.floors();
        if (floors.isEmpty()) {
            return Optional.empty();
        }
        double[] x = of(contender);
        double[] direct = of(lineup.direct());
        double[] excess = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double least = Double.MAX_VALUE;
            for (Contender floor : floors) {
                least = Math.min(least, of(floor)[i] - direct[i]);
            }
            excess[i] = (x[i] - direct[i]) - least;
        }
        return Optional.of(Stats.median(excess));
    }

    /** Median over rounds of what the best C relay of each round added to direct; empty without one. */
    public Optional<Double> bestFloorAdded() {
        List<Contender> floors = lineup.floors();
        if (floors.isEmpty()) {
            return Optional.empty();
        }
        double[] direct = of(lineup.direct());
        double[] least = new double[direct.length];
        for (int i = 0; i < direct.length; i++) {
            least[i] = Double.MAX_VALUE;
            for (Contender floor : floors) {
                least[i] = Math.min(least[i], of(floor)[i] - direct[i]);
            }
        }
        return Optional.of(Stats.median(least));
    }
}
