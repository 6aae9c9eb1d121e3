package io.netharness.simulator.internal.model;

import io.netharness.simulator.profile.Loss;

/**
 * A loss model written as a Markov chain whose state says whether the datagram is lost, for the figures a long run
 * should show: the stationary loss rate, how often a burst of losses starts, and the variance factor of the loss count
 * (its asymptotic variance over the binomial {@code n * rate * (1 - rate)}; 1 for independent losses), summed from the
 * chain's autocovariances. Test code, written independently of the models it checks.
 */
final class LossChain {

    private final double[][] transitions;
    private final boolean[] lost;
    private final double[] stationary;

    private LossChain(double[][] transitions, boolean[] lost) {
        this.transitions = transitions;
        this.lost = lost;
        this.stationary = stationary(transitions);
    }

    static LossChain of(Loss loss) {
        if (loss instanceof Loss.Random random) {
            double p = random.probability();
            double c = random.correlation();
            double afterDelivered = p * (1 - c);
            double afterLost = p + c * (1 - p);
            return new LossChain(new double[][] {{1 - afterDelivered, afterDelivered}, {1 - afterLost, afterLost}},
                    new boolean[] {false, true});
        }
        if (loss instanceof Loss.GilbertElliott ge) {
            // States (good, delivered), (good, lost), (bad, delivered), (bad, lost): the datagram's fate is drawn in
            // the state it meets, then the state moves.
            double[][] move = {{1 - ge.p(), ge.p()}, {ge.r(), 1 - ge.r()}};
            double[] lossIn = {ge.lossInGood(), ge.lossInBad()};
            double[][] t = new double[4][4];
            for (int from = 0; from < 4; from++) {
                for (int to = 0; to < 4; to++) {
                    int toState = to / 2;
                    boolean toLost = to % 2 == 1;
                    t[from][to] = move[from / 2][toState] * (toLost ? lossIn[toState] : 1 - lossIn[toState]);
                }
            }
            return new LossChain(t, new boolean[] {false, true, false, true});
        }
        if (loss instanceof Loss.FourState f) {
            // States 1-4 as indices 0-3; losses in 3 and 4.
            double[][] t = {
                    {1 - f.p13() - f.p14(), 0, f.p13(), f.p14()},
                    {0, 1 - f.p23(), f.p23(), 0},
                    {f.p31(), f.p32(), 1 - f.p31() - f.p32(), 0},
                    {1, 0, 0, 0}};
            return new LossChain(t, new boolean[] {false, false, true, true});
        }
        throw new IllegalArgumentException("no chain for " + loss);
    }

    double rate() {
        double rate = 0;
        for (int i = 0; i < lost.length; i++) {
            rate += lost[i] ? stationary[i] : 0;
        }
        return rate;
    }

    /** The long-run share of decisions that are a loss after a delivery. */
    double burstStartsPerDecision() {
        double starts = 0;
        for (int i = 0; i < lost.length; i++) {
            for (int j = 0; j < lost.length; j++) {
                if (!lost[i] && lost[j]) {
                    starts += stationary[i] * transitions[i][j];
                }
            }
        }
        return starts;
    }

    double meanBurst() {
        return rate() / burstStartsPerDecision();
    }

    /** {@code (gamma_0 + 2 * sum of gamma_k) / gamma_0} for the loss indicator, summed until the terms vanish. */
    double varianceFactor() {
        double mean = rate();
        double gamma0 = mean * (1 - mean);
        double[] v = new double[lost.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = lost[i] ? 1 : 0;
        }
        double sum = 0;
        int quiet = 0;
        for (int k = 1; k <= 10_000_000 && quiet < 100; k++) {
            v = multiply(transitions, v);
            double gamma = -mean * mean;
            for (int i = 0; i < v.length; i++) {
                gamma += lost[i] ? stationary[i] * v[i] : 0;
            }
            sum += gamma;
            quiet = Math.abs(gamma) < 1e-13 * gamma0 ? quiet + 1 : 0;
        }
        return (gamma0 + 2 * sum) / gamma0;
    }

    private static double[] multiply(double[][] matrix, double[] vector) {
        double[] out = new double[vector.length];
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < vector.length; j++) {
                out[i] += matrix[i][j] * vector[j];
            }
        }
        return out;
    }

    /** Solves {@code pi P = pi}, {@code sum pi = 1} by Gaussian elimination (one recurrent class assumed). */
    private static double[] stationary(double[][] t) {
        int n = t.length;
        double[][] a = new double[n][n + 1];
        for (int row = 0; row < n - 1; row++) {
            for (int col = 0; col < n; col++) {
                a[row][col] = t[col][row] - (row == col ? 1 : 0);
            }
        }
        for (int col = 0; col <= n; col++) {
            a[n - 1][col] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col && a[col][col] != 0) {
                    double factor = a[row][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[row][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] pi = new double[n];
        for (int i = 0; i < n; i++) {
            pi[i] = a[i][n] / a[i][i];
        }
        return pi;
    }
}
