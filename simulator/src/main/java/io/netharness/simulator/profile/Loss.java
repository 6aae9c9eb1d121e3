package io.netharness.simulator.profile;

import io.netharness.simulator.internal.Check;

/**
 * Which datagrams (or chunks) a link loses in one direction. Every model draws from the link's seeded
 * generator, so the same seed and the same traffic lose the same datagrams. {@link #meanRate()} is the long-run
 * share of datagrams each model loses; correlation and bursts change how losses cluster, never that rate.
 *
 * <ul>
 *   <li>{@link None}: nothing is lost.</li>
 *   <li>{@link Random}: losses at a given rate, independent or clustered by a correlation.</li>
 *   <li>{@link GilbertElliott}: bursts from a two-state Markov chain.</li>
 *   <li>{@link FourState}: netem's {@code loss state p13 p31 p32 p23 p14} model.</li>
 * </ul>
 */
public sealed interface Loss permits Loss.None, Loss.Random, Loss.GilbertElliott, Loss.FourState {

    /** Loses nothing. */
    Loss NONE = new None();

    /** Loses each datagram independently with the given probability (0.0-1.0). */
    static Loss random(double probability) {
        return new Random(probability, 0.0);
    }

    /**
     * Simple Gilbert model: nothing is lost in the good state, everything in the bad state.
     *
     * @param p probability per datagram of going from good to bad
     * @param r probability per datagram of going from bad to good; mean burst length is {@code 1 / r}
     */
    static Loss gilbert(double p, double r) {
        return new GilbertElliott(p, r, 0.0, 1.0);
    }

    /** The long-run share of datagrams lost (over a long run started in the model's first state). */
    double meanRate();

    /** Loses nothing. */
    record None() implements Loss {
        @Override
        public double meanRate() {
            return 0.0;
        }

        @Override
        public String toString() {
            return "Loss.NONE";
        }
    }

    /**
     * Losses at a long-run rate of {@code probability}, clustered by {@code correlation}: after a lost datagram the
     * next is lost with {@code p + c * (1 - p)}, after a delivered one with {@code p * (1 - c)} (the first with
     * {@code p}). The rate stays {@code p} at every correlation, {@code c} is the correlation of successive loss
     * decisions, and losses come in bursts of {@code 1 / ((1 - p) * (1 - c))} datagrams on average
     * ({@code 1 / (1 - p)} when independent): the simple Gilbert model with the same mean. This differs from netem's
     * {@code loss random P CORRELATION}, whose blended uniform draw loses far less than {@code P} once correlated
     * (about 0.1 % at 10 % and 50 %).
     *
     * @param probability long-run share of datagrams lost, 0.0-1.0
     * @param correlation of successive loss decisions, 0.0 (independent) to 1.0 (every decision repeats the first, so
     *                    a run loses everything or nothing; {@code p} is then the chance of everything)
     */
    record Random(double probability, double correlation) implements Loss {
        /** Validates both fields. */
        public Random {
            Check.probability("loss", probability);
            Check.probability("loss.correlation", correlation);
        }

        @Override
        public double meanRate() {
            return probability;
        }
    }

    /**
     * Gilbert-Elliott two-state Markov loss. The chain moves once per datagram: from good to bad with
     * probability {@code p}, from bad to good with probability {@code r}; then the datagram is lost with
     * {@code lossInGood} or {@code lossInBad}. The stationary share of bad is {@code p / (p + r)}, so the long-run
     * rate is {@code (r * lossInGood + p * lossInBad) / (p + r)}; with {@code lossInBad = 1} and
     * {@code lossInGood = 0} the mean burst of consecutive losses is {@code 1 / r}.
     *
     * @param p          good-to-bad transition probability per datagram, 0.0-1.0
     * @param r          bad-to-good transition probability per datagram, 0.0-1.0
     * @param lossInGood loss probability in the good state ({@code 1 - k} in the literature), 0.0-1.0
     * @param lossInBad  loss probability in the bad state ({@code 1 - h}), 0.0-1.0
     */
    record GilbertElliott(double p, double r, double lossInGood, double lossInBad) implements Loss {
        /** Validates every field. */
        public GilbertElliott {
            Check.probability("loss.p", p);
            Check.probability("loss.r", r);
            Check.probability("loss.lossInGood", lossInGood);
            Check.probability("loss.lossInBad", lossInBad);
        }

        /** {@code (r * lossInGood + p * lossInBad) / (p + r)}; {@code lossInGood} when the chain never leaves good. */
        @Override
        public double meanRate() {
            return p + r == 0.0 ? lossInGood : (r * lossInGood + p * lossInBad) / (p + r);
        }
    }

    /**
     * netem's four-state Markov loss ({@code loss state p13 p31 p32 p23 p14}). States: 1 = good reception,
     * 2 = good reception within a burst, 3 = burst losses, 4 = isolated loss. Datagrams are lost in states 3
     * and 4. The chain moves once per datagram; probabilities leaving a state must not sum above 1. The long-run
     * rate is the stationary share of states 3 and 4: with {@code a = p13 / p31} and {@code b = a * p32 / p23},
     * {@code (a + p14) / (1 + a + b + p14)}.
     *
     * @param p13 state 1 to 3 (a burst starts)
     * @param p31 state 3 to 1 (the burst ends)
     * @param p32 state 3 to 2 (a received datagram within the burst)
     * @param p23 state 2 to 3 (back to losing within the burst)
     * @param p14 state 1 to 4 (an isolated loss; always returns to 1 next)
     */
    record FourState(double p13, double p31, double p32, double p23, double p14) implements Loss {
        /** Validates every field and the sums leaving states 1 and 3. */
        public FourState {
            Check.probability("loss.p13", p13);
            Check.probability("loss.p31", p31);
            Check.probability("loss.p32", p32);
            Check.probability("loss.p23", p23);
            Check.probability("loss.p14", p14);
            if (p13 + p14 > 1.0) {
                throw new IllegalArgumentException("loss.p13 + loss.p14: " + (p13 + p14) + " (expected: <= 1.0)");
            }
            if (p31 + p32 > 1.0) {
                throw new IllegalArgumentException("loss.p31 + loss.p32: " + (p31 + p32) + " (expected: <= 1.0)");
            }
        }

        /**
         * The stationary share of states 3 and 4 of the part of the chain a run ends up in: a burst that never ends
         * ({@code p31 = 0}) loses {@code p23 / (p23 + p32)} of what follows, a chain that never starts one
         * ({@code p13 = 0}) {@code p14 / (1 + p14)}.
         */
        @Override
        public double meanRate() {
            if (p13 == 0.0) {
                return p14 / (1.0 + p14);
            }
            if (p31 == 0.0) {
                return p32 == 0.0 ? 1.0 : p23 / (p23 + p32);
            }
            if (p32 > 0.0 && p23 == 0.0) {
                return 0.0; // the first reception within a burst lasts for ever
            }
            double a = p13 / p31;
            double b = p32 == 0.0 ? 0.0 : a * p32 / p23;
            return (a + p14) / (1.0 + a + b + p14);
        }
    }
}
