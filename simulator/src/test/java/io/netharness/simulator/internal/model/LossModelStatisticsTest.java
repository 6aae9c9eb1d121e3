package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import org.junit.jupiter.api.Test;

class LossModelStatisticsTest {

    /** Two-sided 99.9 % standard normal quantile. */
    private static final double Z_999 = 3.2905;

    @Test
    void configuredTwoPercentLossLandsInsideThe999BinomialInterval() {
        long seed = 0x5eed_0002L;
        int n = 100_000;
        double p = 0.02;
        ImpairmentEngine engine = new ImpairmentEngine(seed, LinkProfile.PERFECT.withLoss(Loss.random(p)));
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (engine.decide(100, i * 1_000L).dropped()) {
                lost++;
            }
        }
        double halfWidth = Z_999 * Math.sqrt(n * p * (1 - p));
        long low = (long) Math.floor(n * p - halfWidth);
        long high = (long) Math.ceil(n * p + halfWidth);
        assertThat(lost)
                .as("losses of %d datagrams, seed %s, expected within 99.9%% interval [%d, %d]", n,
                        Seeds.format(seed), low, high)
                .isBetween((int) low, (int) high);
        System.out.printf("loss 2%%: %d of %d lost (%.4f%%), 99.9%% interval [%d, %d], seed %s%n", lost, n,
                100.0 * lost / n, low, high, Seeds.format(seed));
    }

    @Test
    void gilbertElliottMeanBurstLengthIsOneOverR() {
        long seed = 0x6e_0001L;
        double r = 0.25;
        LossModel model = LossModel.of(Loss.gilbert(0.01, r), Seeds.generator(seed));
        int n = 1_000_000;
        long bursts = 0;
        long lostTotal = 0;
        boolean previousLost = false;
        for (int i = 0; i < n; i++) {
            boolean lost = model.lose();
            if (lost) {
                lostTotal++;
                if (!previousLost) {
                    bursts++;
                }
            }
            previousLost = lost;
        }
        double meanBurst = (double) lostTotal / bursts;
        assertThat(meanBurst)
                .as("mean burst over %d datagrams (%d bursts), seed %s, expected 1/r = %.2f ± 5%%", n, bursts,
                        Seeds.format(seed), 1 / r)
                .isBetween(0.95 / r, 1.05 / r);
        System.out.printf("Gilbert-Elliott p=0.01 r=0.25: %d bursts, mean burst %.4f (1/r = 4), loss rate %.4f%%"
                + " (stationary p/(p+r) = %.4f%%)%n", bursts, meanBurst, 100.0 * lostTotal / n, 100 * 0.01 / 0.26);
    }

    @Test
    void gilbertElliottWithPartialLossInBadLosesOnlyThatShareOfBadDatagrams() {
        // p = 1, r = 0: bad from the second datagram on, for good; there half the datagrams are lost.
        LossModel model = LossModel.of(new Loss.GilbertElliott(1.0, 0.0, 0.0, 0.5), Seeds.generator(0x6e_0002L));
        assertThat(model.lose()).as("first datagram, in the good state with lossInGood 0").isFalse();
        int n = 100_000;
        int lost = 0;
        for (int i = 0; i < n; i++) {
            lost += model.lose() ? 1 : 0;
        }
        double halfWidth = Z_999 * Math.sqrt(n * 0.25);
        assertThat((double) lost).isBetween(n * 0.5 - halfWidth, n * 0.5 + halfWidth);
    }

    @Test
    void gilbertElliottThatNeverLeavesGoodNeverLoses() {
        LossModel model = LossModel.of(new Loss.GilbertElliott(0.0, 0.0, 0.0, 1.0), Seeds.generator(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(model.lose()).isFalse();
        }
    }

    @Test
    void fourStateIsolatedLossAlternatesWithDelivery() {
        LossModel model = LossModel.of(new Loss.FourState(0.0, 0.0, 0.0, 0.0, 1.0), Seeds.generator(7));
        for (int i = 0; i < 10; i++) {
            assertThat(model.lose()).as("datagram %d", 2 * i).isTrue();
            assertThat(model.lose()).as("datagram %d", 2 * i + 1).isFalse();
        }
    }

    @Test
    void fourStateLossRateMatchesItsStationaryDistribution() {
        // netem's example "loss state 1% 30% 20% 10% 0.5%"-like chain; stationary shares solved by hand:
        // pi1*(p13+p14) = pi3*p31 + pi4, pi4 = pi1*p14, pi2*p23 = pi3*p32.
        double p13 = 0.01;
        double p31 = 0.3;
        double p32 = 0.2;
        double p23 = 0.1;
        double p14 = 0.005;
        double pi3OverPi1 = p13 / p31;
        double pi2OverPi1 = pi3OverPi1 * p32 / p23;
        double pi4OverPi1 = p14;
        double pi1 = 1 / (1 + pi2OverPi1 + pi3OverPi1 + pi4OverPi1);
        double expected = pi1 * (pi3OverPi1 + pi4OverPi1);
        LossModel model = LossModel.of(new Loss.FourState(p13, p31, p32, p23, p14), Seeds.generator(99));
        int n = 400_000;
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (model.lose()) {
                lost++;
            }
        }
        assertThat((double) lost / n).as("seed 99, n %d", n).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 0.1));
    }

    @Test
    void correlatedBernoulliLossesCluster() {
        LossModel independent = LossModel.of(new Loss.Random(0.3, 0.0), Seeds.generator(3));
        LossModel correlated = LossModel.of(new Loss.Random(0.3, 0.8), Seeds.generator(3));
        assertThat(lossAfterLoss(correlated)).isGreaterThan(lossAfterLoss(independent) + 0.1);
    }

    private static double lossAfterLoss(LossModel model) {
        int pairs = 0;
        int both = 0;
        boolean previous = false;
        for (int i = 0; i < 100_000; i++) {
            boolean lost = model.lose();
            if (previous) {
                pairs++;
                if (lost) {
                    both++;
                }
            }
            previous = lost;
        }
        return (double) both / pairs;
    }
}
