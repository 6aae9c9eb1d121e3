package io.netharness.simulator;

import io.netharness.simulator.internal.Check;

/**
 * Which datagrams (or chunks) a link loses in one direction. Every model draws from the link's seeded
 * generator, so the same seed and the same traffic lose the same datagrams.
 *
 * <ul>
 *   <li>{@link None}: nothing is lost.</li>
 *   <li>{@link Random}: independent (or correlated) Bernoulli loss.</li>
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

    /** Loses nothing. */
    record None() implements Loss {
        @Override
        public String toString() {
            return "Loss.NONE";
        }
    }

    /**
     * Bernoulli loss, optionally correlated like netem's {@code loss random P CORRELATION}: the uniform
     * number compared with {@code probability} is {@code (1 - correlation) * fresh + correlation * previous}.
     * Correlation makes losses cluster, but it also moves the long-run rate away from {@code probability}
     * (the blended number is less spread than a fresh one), as netem's documentation warns; prefer
     * {@link GilbertElliott} for bursts with a known rate.
     *
     * @param probability chance that a datagram is lost, 0.0-1.0
     * @param correlation 0.0-1.0
     */
    record Random(double probability, double correlation) implements Loss {
        /** Validates both fields. */
        public Random {
            Check.probability("loss", probability);
            Check.probability("loss.correlation", correlation);
        }
    }

    /**
     * Gilbert-Elliott two-state Markov loss. The chain moves once per datagram: from good to bad with
     * probability {@code p}, from bad to good with probability {@code r}; then the datagram is lost with
     * {@code lossInGood} or {@code lossInBad}. The stationary share of bad is {@code p / (p + r)}; with
     * {@code lossInBad = 1} and {@code lossInGood = 0} the mean burst of consecutive losses is {@code 1 / r}.
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
    }

    /**
     * netem's four-state Markov loss ({@code loss state p13 p31 p32 p23 p14}). States: 1 = good reception,
     * 2 = good reception within a burst, 3 = burst losses, 4 = isolated loss. Datagrams are lost in states 3
     * and 4. The chain moves once per datagram; probabilities leaving a state must not sum above 1.
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
    }
}
