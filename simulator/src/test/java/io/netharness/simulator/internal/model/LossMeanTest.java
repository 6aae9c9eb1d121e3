package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.Loss;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss combination the documentation lists (the table "Loss models" in simulator/README.md) loses its
 * {@link Loss#meanRate()} in the long run, and its bursts of consecutive losses have the mean length the model
 * predicts: the measured rate lies within the 99.9 % interval of the loss count (binomial for independent losses;
 * for correlated ones the binomial variance times the chain's variance factor, computed from the chain), and the
 * measured mean burst within 5 % of the predicted one. Each case runs until about 20,000 bursts have been seen, so 5 %
 * is several standard errors. Fixed seeds: the outcome is the same on every run.
 */
class LossMeanTest {

    /** Two-sided 99.9 % standard normal quantile. */
    private static final double Z_999 = 3.2905;
    private static final long BURSTS = 20_000;
    private static final long MAX_DECISIONS = 40_000_000;

    static Stream<Loss> documentedCombinations() {
        return Stream.of(
                // loss alone
                Loss.random(0.01), Loss.random(0.1), Loss.random(0.5),
                // loss with lossCorrelation
                new Loss.Random(0.01, 0.25), new Loss.Random(0.01, 0.9),
                new Loss.Random(0.1, 0.25), new Loss.Random(0.1, 0.5), new Loss.Random(0.1, 0.9),
                new Loss.Random(0.2, 0.5), new Loss.Random(0.5, 0.5), new Loss.Random(0.02, 0.25),
                // loss with burstLength b: Gilbert with r = 1 / b, p = loss * r / (1 - loss)
                burst(0.02, 2), burst(0.02, 10), burst(0.1, 4), burst(0.3, 3),
                // Gilbert-Elliott with losses in both states
                new Loss.GilbertElliott(0.01, 0.3, 0.001, 0.7), new Loss.GilbertElliott(0.05, 0.2, 0.01, 0.5),
                // four-state (netem's "loss state")
                new Loss.FourState(0.01, 0.3, 0.2, 0.1, 0.005), new Loss.FourState(0.05, 0.5, 0.1, 0.5, 0.01),
                new Loss.FourState(0.002, 0.1, 0.0, 1.0, 0.0));
    }

    private static Loss burst(double loss, double burstLength) {
        double r = 1.0 / burstLength;
        return Loss.gilbert(loss * r / (1.0 - loss), r);
    }

    @ParameterizedTest
    @MethodSource("documentedCombinations")
    void keepsItsMeanRateAndItsMeanBurst(Loss loss) {
        LossChain chain = LossChain.of(loss);
        assertThat(chain.rate()).as("the chain's own rate agrees with %s.meanRate()", loss)
                .isCloseTo(loss.meanRate(), org.assertj.core.data.Offset.offset(1e-12));
        long n = Math.min(MAX_DECISIONS, (long) Math.ceil(BURSTS / chain.burstStartsPerDecision()));
        long seed = Seeds.derive(0x10_55L, loss.toString());
        LossModel model = LossModel.of(loss, Seeds.generator(seed));
        long lost = 0;
        long bursts = 0;
        boolean previous = false;
        for (long i = 0; i < n; i++) {
            boolean now = model.lose();
            if (now) {
                lost++;
                if (!previous) {
                    bursts++;
                }
            }
            previous = now;
        }
        double halfWidth = Z_999 * Math.sqrt(n * chain.varianceFactor() * chain.rate() * (1 - chain.rate()));
        double low = n * chain.rate() - halfWidth;
        double high = n * chain.rate() + halfWidth;
        double meanBurst = (double) lost / bursts;
        System.out.printf(Locale.ROOT, "%s: %d of %,d lost (%.4f%%, mean %.4f%%, 99.9%% interval [%.0f, %.0f], variance"
                + " factor %.2f), %d bursts, mean burst %.3f (predicted %.3f), seed %s%n", loss, lost, n,
                100.0 * lost / n, 100 * chain.rate(), low, high, chain.varianceFactor(), bursts, meanBurst,
                chain.meanBurst(), Seeds.format(seed));
        assertThat((double) lost).as("losses of %s in %d decisions, seed %s, 99.9%% interval [%.0f, %.0f]", loss, n,
                Seeds.format(seed), low, high).isBetween(low, high);
        assertThat(meanBurst).as("mean burst of %s over %d bursts, seed %s, predicted %.4f ± 5%%", loss, bursts,
                Seeds.format(seed), chain.meanBurst())
                .isBetween(0.95 * chain.meanBurst(), 1.05 * chain.meanBurst());
    }
}
